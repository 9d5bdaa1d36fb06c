import { z } from 'zod'
import { Id } from './time'

export const CHANNEL_KINDS = [
  'whatsapp',
  'email',
  'instagram',
  'facebook_messenger',
  'facebook_comment',
  'telegram',
  'livechat',
] as const

export const ChannelKind = z.enum(CHANNEL_KINDS)
export type ChannelKind = z.infer<typeof ChannelKind>

/** A company account on one channel (a WhatsApp number, a support mailbox, an Instagram page). */
export const Channel = z.object({
  id: Id,
  kind: ChannelKind,
  account: z.string().min(1).max(200),
})
export type Channel = z.infer<typeof Channel>
