/** The fixed reference data of the demo workspace: channels, labels and the agent floor. */
import { CHANNEL_KINDS, type ChannelKind } from '../shared/domain'
import { AGENT_NAMES, SUPERVISOR_NAME } from './names'

export const DEMO_PASSWORD = 'observe-demo'
export const SUPERVISOR_EMAIL = 'spv@observe.demo'

export const CHANNEL_ACCOUNTS: Record<ChannelKind, string> = {
  whatsapp: '+62 811-1500-246',
  email: 'support@observe.demo',
  instagram: '@observe.id',
  facebook_messenger: 'Observe Indonesia',
  facebook_comment: 'Observe Indonesia (Page)',
  telegram: '@ObserveCareBot',
  livechat: 'observe.demo web chat',
}

/** Channel ids are the position in CHANNEL_KINDS, plus one. */
export function channelIdOf(kind: ChannelKind): number {
  return CHANNEL_KINDS.indexOf(kind) + 1
}

/** Roughly how an Indonesian contact center's traffic splits, WhatsApp first by far. */
export const CHANNEL_WEIGHTS: Record<ChannelKind, number> = {
  whatsapp: 40,
  email: 12,
  instagram: 14,
  facebook_messenger: 10,
  facebook_comment: 6,
  telegram: 8,
  livechat: 10,
}

export const LABELS: ReadonlyArray<{ name: string; color: string }> = [
  { name: 'Komplain', color: '#e5484d' },
  { name: 'Refund', color: '#f76b15' },
  { name: 'Pengiriman', color: '#ffb224' },
  { name: 'Pembayaran', color: '#30a46c' },
  { name: 'Akun', color: '#0090ff' },
  { name: 'Promo', color: '#d6409f' },
  { name: 'VIP', color: '#8e4ec6' },
  { name: 'Technical', color: '#12a594' },
  { name: 'Feedback', color: '#978365' },
  { name: 'Follow up', color: '#6e56cf' },
]

export interface AgentSeat {
  name: string
  email: string
  role: 'agent' | 'supervisor'
  presence: 'online' | 'away' | 'offline'
}

const PRESENCE_BY_SEAT = ['online', 'online', 'away', 'online', 'online', 'offline', 'online', 'online', 'away', 'online', 'offline', 'online'] as const

/** Agent ids follow this order: the supervisor is 1, agents 2 and up. */
export const AGENT_SEATS: readonly AgentSeat[] = [
  { name: SUPERVISOR_NAME, email: SUPERVISOR_EMAIL, role: 'supervisor', presence: 'online' },
  ...AGENT_NAMES.map((name, index) => ({
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@observe.demo`,
    role: 'agent' as const,
    presence: PRESENCE_BY_SEAT[index] ?? 'online',
  })),
]

export const BOT_NAME = 'Observe Bot'
export const SYSTEM_NAME = 'System'
