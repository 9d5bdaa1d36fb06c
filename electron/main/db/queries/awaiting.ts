import type { Database } from 'better-sqlite3'
import { timeUnclear, type Message } from '../../../../shared/domain'
import { stmt } from './statements'

/** What a thread's newest messages say of its customer's wait for an answer. */
export interface AwaitingFound {
  /**
   * The newest message that counts as a conversation's last one (a system note does not): the row
   * must still end on it, or the thread read is not the row's.
   */
  lastAt: number
  /**
   * The customer's first message after the last answer, as far back as the messages read go; null
   * when only their newest one is unanswered and its time cannot be right: the wait then starts
   * where the cache first saw that message (the row's last message time, unclear-times.ts).
   */
  since: number | null
  /** Whether the messages read reach the answer before it (or the thread's start): `since` is then the wait's start. */
  settled: boolean
}

/**
 * Reads a thread's newest messages (oldest first) back from the end, the way the change feed's
 * last messages would have shown them: system notes (a hand-off) never are a conversation's last
 * message, so they answer nobody; any other outbound message (an agent's, a bot's) does. Null
 * when the newest such message is not the customer's: nobody waits. `whole`: the messages start
 * at the thread's first. A customer's message whose time cannot be right by the server's clock
 * `now` (timeUnclear) does not start the wait: it counts from their next one, the least they can
 * have waited, rather than from 1970 or 2099; from when Observe first saw it when none came next.
 */
export function unansweredFrom(messages: readonly Message[], whole: boolean, now?: number): AwaitingFound | null {
  let lastAt: number | null = null
  let since: number | null = null
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!
    if (message.sender.kind === 'system') continue
    if (message.direction === 'out') {
      return lastAt === null ? null : { lastAt, since, settled: true }
    }
    lastAt ??= message.createdAt
    if (now === undefined || !timeUnclear(message.createdAt, now)) since = message.createdAt
  }
  return lastAt === null ? null : { lastAt, since, settled: whole }
}

/** A conversation whose wait's start is only estimated (see migration 0260), as the backfill picks it. */
export interface EstimatedWait {
  id: number
  version: number
}

/**
 * Open conversations whose customer waits for an answer since a time only estimated, most urgent
 * first: those an agent has, whose clock the page shows, longest shown wait first; then the queue
 * in its own order (their clock shows once an agent takes them). A handful, read from their own
 * partial index.
 */
export function estimatedWaits(db: Database, limit: number): EstimatedWait[] {
  return stmt(
    db,
    `SELECT id, version FROM conversations INDEXED BY conversations_awaiting_estimated
     WHERE awaiting_known = 0 AND last_message_direction = 'in' AND status <> 'resolved'
     ORDER BY status = 'in_queue', CASE WHEN status = 'handled' THEN last_message_at ELSE wait_since END, id
     LIMIT ?`,
  ).all(limit) as EstimatedWait[]
}

/**
 * Writes the wait's start a thread read found, when the row is still the one the thread was read
 * for: waiting on the same last message, still estimated, and (when given) still at the version
 * read before the request, since anything newer may have been answered meanwhile. A read that did
 * not reach back to an answer keeps the earlier of the two times and is not tried again (2). Not a
 * change of the row's order, so its rev stays (no page skips it). Returns whether it was written.
 *
 * A row whose last message's time could not be right holds the time Observe first saw it, and what
 * was sent in unclear_times: the thread, read from the server, has only what was sent to match by.
 */
export function settleAwaiting(db: Database, conversationId: number, found: AwaitingFound, version: number | null): boolean {
  return (
    stmt(
      db,
      `UPDATE conversations SET
         awaiting_since = CASE WHEN @settled = 1 THEN COALESCE(@since, last_message_at)
           ELSE min(COALESCE(@since, last_message_at), COALESCE(awaiting_since, last_message_at)) END,
         awaiting_known = CASE WHEN @settled = 1 THEN 1 ELSE 2 END
       WHERE id = @id AND awaiting_known <> 1 AND last_message_direction = 'in'
         AND (last_message_at = @last_at OR (unclear_times IS NOT NULL AND unclear_times ->> '$.lastMessageAt' = @last_at))
         AND (@version IS NULL OR version = @version)`,
    ).run({ id: conversationId, since: found.since, settled: found.settled ? 1 : 0, last_at: found.lastAt, version }).changes > 0
  )
}
