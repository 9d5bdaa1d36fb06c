/** Row <-> domain mapping. Rows are what SQLite returns; nothing outside db/ sees them. */
import type {
  Agent,
  Attachment,
  Channel,
  ChannelKind,
  Conversation,
  ConversationStatus,
  ConversationType,
  Direction,
  Label,
  Message,
  SenderKind,
} from '../../../shared/domain'
import { foldForSearch, SystemEvent, waitSince } from '../../../shared/domain'
import type { CachedConversation, CachedMessage } from '../../../shared/ipc/contract'
import { readUnclearTimes } from './unclear-times'

export interface ConversationRow {
  id: number
  ticket_no: number
  customer_id: number
  customer_name: string
  customer_handle: string
  channel_id: number
  channel: string
  type: string
  status: string
  /** The label ids comma-separated (label_set, ",2,9,"; empty for none). */
  label_ids: string | null
  agent_id: number | null
  last_agent_id: number | null
  created_at: number
  queued_at: number | null
  wait_since: number
  updated_at: number
  resolved_at: number | null
  last_message_text: string | null
  last_message_at: number | null
  last_message_direction: string | null
  /** The customer's first message after the last reply, while they wait for one (0190). */
  awaiting_since: number | null
  /** 1 when awaiting_since is known, 0 or 2 when it stands in for it (0260). */
  awaiting_known: number
  /** What the server sent for times that cannot be right, as JSON (UnclearTimes, 0250); null for none. */
  unclear_times: string | null
  unread: number
  version: number
  messages_loaded_at: number | null
  /** 1 when the server holds messages older than the oldest fetched (0180). */
  messages_earlier: number
  rev: number
  customer_sort: string
}

/** The bound parameters of the conversations upsert. */
export interface ConversationParams {
  id: number
  ticket_no: number
  customer_id: number
  channel_id: number
  channel: string
  type: string
  status: string
  agent_id: number | null
  last_agent_id: number | null
  created_at: number
  queued_at: number | null
  wait_since: number
  updated_at: number
  resolved_at: number | null
  last_message_text: string | null
  last_message_at: number | null
  last_message_direction: string | null
  unclear_times: string | null
  unread: number
  version: number
  /** The local change counter at the write (see conversation-list's stable paging). */
  rev: number
  customer_sort: string
  label_set: string
}

/** The columns a Conversation is made of (a list page selects only these). */
export type ConversationFields = Omit<ConversationRow, 'wait_since' | 'messages_loaded_at' | 'messages_earlier' | 'rev' | 'customer_sort'>

/** The column list of ConversationFields, on `c` (conversations) and `cu` (customers). */
export const CONVERSATION_FIELDS = `c.id, c.ticket_no, c.customer_id, COALESCE(cu.name, '') AS customer_name,
  COALESCE(cu.handle, '') AS customer_handle, c.channel_id, c.channel, c.type, c.status, c.label_set AS label_ids,
  c.agent_id, c.last_agent_id, c.created_at, c.queued_at, c.updated_at, c.resolved_at, c.last_message_text,
  c.last_message_at, c.last_message_direction, c.awaiting_since, c.awaiting_known, c.unclear_times, c.unread, c.version`

export function conversationFromRow(row: ConversationFields): CachedConversation {
  return {
    id: row.id,
    ticketNo: row.ticket_no,
    customer: { id: row.customer_id, name: row.customer_name, handle: row.customer_handle },
    channelId: row.channel_id,
    channel: row.channel as ChannelKind,
    type: row.type as ConversationType,
    status: row.status as ConversationStatus,
    labelIds: row.label_ids ? row.label_ids.split(',').filter(Boolean).map(Number).sort((a, b) => a - b) : [],
    agentId: row.agent_id,
    lastAgentId: row.last_agent_id,
    createdAt: row.created_at,
    queuedAt: row.queued_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    lastMessage:
      row.last_message_at === null
        ? null
        : {
            text: row.last_message_text ?? '',
            at: row.last_message_at,
            direction: (row.last_message_direction ?? 'in') as Direction,
          },
    // Only when it says more than the last message's time does.
    ...(row.awaiting_since !== null && row.last_message_direction === 'in' && row.awaiting_since !== row.last_message_at
      ? { awaitingSince: row.awaiting_since }
      : {}),
    ...(row.last_message_direction === 'in' && row.awaiting_known !== 1 ? { awaitingEstimated: true as const } : {}),
    ...withUnclearTimes(row.unclear_times),
    unread: row.unread,
    version: row.version,
  }
}

function withUnclearTimes(text: string | null): Pick<CachedConversation, 'unclearTimes'> {
  const unclear = readUnclearTimes(text)
  return unclear ? { unclearTimes: unclear } : {}
}

/** How long a name's sort key may be: enough to order any real name, short enough for a cursor. */
const CUSTOMER_SORT_MAX = 64

/**
 * A customer name as the A–Z order compares it: folded as a search folds it (foldForSearch: accents
 * and invisible format characters dropped, lower case, Đ as d and ß as ss), spaces collapsed, cut to
 * CUSTOMER_SORT_MAX characters (ties, however long the names, fall to the id). Format characters
 * (zero-width spaces and joiners, soft hyphens, direction marks and isolates) show nothing, yet
 * kept they decided a name's place: their UTF-8 bytes compare above every letter, so "\u200BAdam"
 * sorted after "Zed", as "Đặng" did after every Z while its Đ was kept. Format characters go
 * before spaces are collapsed, so one between two spaces leaves a single space.
 */
export function customerSortKey(name: string): string {
  const folded = foldForSearch(name).replace(/\s+/g, ' ').trim()
  return Array.from(folded).slice(0, CUSTOMER_SORT_MAX).join('')
}

/** A conversation's labels as one text ",2,9," (sorted, commas around each), matched with instr(label_set, ',9,'). */
export const labelSet = (labelIds: readonly number[]): string => (labelIds.length === 0 ? '' : `,${[...labelIds].sort((a, b) => a - b).join(',')},`)

export function conversationToParams(c: Conversation, rev = 0): ConversationParams {
  return {
    id: c.id,
    ticket_no: c.ticketNo,
    customer_id: c.customer.id,
    channel_id: c.channelId,
    channel: c.channel,
    type: c.type,
    status: c.status,
    agent_id: c.agentId,
    last_agent_id: c.lastAgentId,
    created_at: c.createdAt,
    queued_at: c.queuedAt,
    wait_since: waitSince(c),
    updated_at: c.updatedAt,
    resolved_at: c.resolvedAt,
    last_message_text: c.lastMessage?.text ?? null,
    last_message_at: c.lastMessage?.at ?? null,
    last_message_direction: c.lastMessage?.direction ?? null,
    // The upsert judges the times (unclear-times.ts) and says which were unclear.
    unclear_times: null,
    unread: c.unread,
    version: c.version,
    rev,
    customer_sort: customerSortKey(c.customer.name),
    label_set: labelSet(c.labelIds),
  }
}

export interface MessageRow {
  id: number
  conversation_id: number
  direction: string
  sender_kind: string
  sender_name: string
  sender_agent_id: number | null
  text: string
  /** The message's place in its thread: the time sent, or in place of one that cannot be right one that keeps it where the server received it (0270). */
  created_at: number
  /** What the server sent for its time when that cannot be right (unclear-message-times.ts); null for a clear one. */
  unclear_at: number | null
  /** A system note's event as JSON (0290); null when the server described none. */
  event: string | null
}

export interface AttachmentRow {
  message_id: number
  position: number
  name: string
  mime: string
  size: number
  url: string
}

export function messageFromRow(row: MessageRow, attachments: readonly AttachmentRow[]): CachedMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction as Direction,
    sender: { kind: row.sender_kind as SenderKind, name: row.sender_name, agentId: row.sender_agent_id },
    text: row.text,
    ...eventFromColumn(row.event),
    attachments: attachments.map(attachmentFromRow),
    createdAt: row.created_at,
    ...(row.unclear_at === null ? {} : { unclearAt: row.unclear_at }),
  }
}

/** `unclearAt`: what the server sent for its time when `m.createdAt` is the place the cache keeps it in instead. */
export function messageToRow(m: Message, unclearAt: number | null = null): MessageRow {
  return {
    id: m.id,
    conversation_id: m.conversationId,
    direction: m.direction,
    sender_kind: m.sender.kind,
    sender_name: m.sender.name,
    sender_agent_id: m.sender.agentId,
    text: m.text,
    created_at: m.createdAt,
    unclear_at: unclearAt,
    event: m.event === undefined ? null : JSON.stringify(m.event),
  }
}

/** An event the cache cannot read back is left out: the note still shows the server's text. */
function eventFromColumn(json: string | null): { event?: SystemEvent } {
  if (json === null) return {}
  try {
    const parsed = SystemEvent.safeParse(JSON.parse(json))
    return parsed.success ? { event: parsed.data } : {}
  } catch {
    return {}
  }
}

function attachmentFromRow(row: AttachmentRow): Attachment {
  return { name: row.name, mime: row.mime, size: row.size, url: row.url }
}

export function attachmentToRow(messageId: number, position: number, a: Attachment): AttachmentRow {
  return { message_id: messageId, position, name: a.name, mime: a.mime, size: a.size, url: a.url }
}

export interface AgentRow {
  id: number
  name: string
  email: string
  role: string
  presence: string
  quota: number
  load: number
}

export const agentFromRow = (row: AgentRow): Agent => ({ ...row }) as Agent
export const agentToRow = (a: Agent): AgentRow => ({
  id: a.id,
  name: a.name,
  email: a.email,
  role: a.role,
  presence: a.presence,
  quota: a.quota,
  load: a.load,
})

export interface LabelRow {
  id: number
  name: string
  color: string
}
export const labelFromRow = (row: LabelRow): Label => ({ id: row.id, name: row.name, color: row.color })
export const labelToRow = (l: Label): LabelRow => ({ id: l.id, name: l.name, color: l.color })

export interface ChannelRow {
  id: number
  kind: string
  account: string
}
export const channelFromRow = (row: ChannelRow): Channel => ({
  id: row.id,
  kind: row.kind as ChannelKind,
  account: row.account,
})
export const channelToRow = (c: Channel): ChannelRow => ({ id: c.id, kind: c.kind, account: c.account })
