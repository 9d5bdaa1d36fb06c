/** Rows are not entities: the only place that turns table rows into shared/domain records and back. */
import type { Agent, Attachment, Channel, ChannelKind, Conversation, Label, Message, SystemEvent } from '../../shared/domain'

export interface AgentRow {
  id: number
  name: string
  email: string
  role: Agent['role']
  presence: Agent['presence']
  quota: number
  load: number
}

export interface ConversationRow {
  id: number
  ticket_no: number
  customer_id: number
  customer_name: string
  customer_handle: string
  channel_id: number
  channel: ChannelKind
  type: Conversation['type']
  status: Conversation['status']
  label_ids: string
  agent_id: number | null
  last_agent_id: number | null
  created_at: number
  queued_at: number | null
  updated_at: number
  resolved_at: number | null
  last_text: string | null
  last_at: number | null
  last_direction: 'in' | 'out' | null
  unread: number
  version: number
  thread_ready: number
}

export interface MessageRow {
  id: number
  conversation_id: number
  direction: Message['direction']
  sender_kind: Message['sender']['kind']
  sender_name: string
  sender_agent_id: number | null
  text: string
  /** A system note's event as JSON; null on other messages and on notes written before events. */
  event: string | null
  attachments: string | null
  created_at: number
}

export const AGENT_COLUMNS = 'id, name, email, role, presence, quota, load'

export function toAgent(row: AgentRow): Agent {
  return { id: row.id, name: row.name, email: row.email, role: row.role, presence: row.presence, quota: row.quota, load: row.load }
}

export function toLabel(row: Label): Label {
  return { id: row.id, name: row.name, color: row.color }
}

export function toChannel(row: Channel): Channel {
  return { id: row.id, kind: row.kind, account: row.account }
}

export function encodeLabelIds(ids: readonly number[]): string {
  return ids.join(',')
}

export function decodeLabelIds(text: string): number[] {
  return text === '' ? [] : text.split(',').map(Number)
}

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    ticketNo: row.ticket_no,
    customer: { id: row.customer_id, name: row.customer_name, handle: row.customer_handle },
    channelId: row.channel_id,
    channel: row.channel,
    type: row.type,
    status: row.status,
    labelIds: decodeLabelIds(row.label_ids),
    agentId: row.agent_id,
    lastAgentId: row.last_agent_id,
    createdAt: row.created_at,
    queuedAt: row.queued_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    lastMessage:
      row.last_text === null || row.last_at === null || row.last_direction === null
        ? null
        : { text: row.last_text, at: row.last_at, direction: row.last_direction },
    unread: row.unread,
    version: row.version,
  }
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    sender: { kind: row.sender_kind, name: row.sender_name, agentId: row.sender_agent_id },
    text: row.text,
    ...(row.event === null ? {} : { event: JSON.parse(row.event) as SystemEvent }),
    attachments: row.attachments === null ? [] : (JSON.parse(row.attachments) as Attachment[]),
    createdAt: row.created_at,
  }
}
