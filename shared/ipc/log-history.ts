/**
 * Log History as the renderer sees it: who assigned or transferred which chat to whom, and when,
 * read from the cache's copy of the server's assignment log, newest first.
 */
import { z } from 'zod'
import { ChannelKind, EpochMs, Id } from '../domain'

export const LogAction = z.enum(['assign', 'transfer'])
export type LogAction = z.infer<typeof LogAction>

/** The chat a hand-off was about, as the cache holds it; null once the chat has left the cache. */
export const LogConversation = z.object({
  ticketNo: z.number().int().positive(),
  customerName: z.string(),
  customerHandle: z.string(),
  channel: ChannelKind,
})
export type LogConversation = z.infer<typeof LogConversation>

export const LogEntry = z.object({
  /** The server's record id: later hand-offs have higher ids. */
  id: Id,
  conversationId: Id,
  action: LogAction,
  /** Who did it: a supervisor, or an agent picking the chat up themselves. */
  byAgentId: Id,
  /** The previous handler; null when the chat came from the queue. */
  fromAgentId: Id.nullable(),
  toAgentId: Id,
  at: EpochMs,
  conversation: LogConversation.nullable(),
})
export type LogEntry = z.infer<typeof LogEntry>

/** What Log History is narrowed to; an absent filter does not narrow. Combined with AND. */
export const LogFilters = z.object({
  /** Hand-offs this agent did, gave up or received. */
  agentId: Id.optional(),
  /** When the hand-off happened: inclusive start, exclusive end. */
  from: EpochMs.optional(),
  to: EpochMs.optional(),
})
export type LogFilters = z.infer<typeof LogFilters>

/**
 * The two ways the log reads: newest first, as the page shows it, and oldest first, the same
 * entries backwards (time, then id, each way). The first page oldest first is the log's last, so
 * End reaches the oldest entry however long the log is, without paging through the rest (as a
 * tab's list does with oppositeSort).
 */
export const LogOrder = z.enum(['newest_first', 'oldest_first'])
export type LogOrder = z.infer<typeof LogOrder>

export const LogPage = z.object({
  entries: z.array(LogEntry),
  /** Keyset cursor for the entries after this page in its order (pass as `before`); null at the end. */
  nextBefore: Id.nullable(),
  /**
   * Older hand-offs are still being copied from the server (a long copy brings the newest first):
   * the log's end is not yet where the cache's window starts. False under a `from` newer than
   * every hand-off still to come: that view is whole.
   */
  copyingOlder: z.boolean(),
})
export type LogPage = z.infer<typeof LogPage>
