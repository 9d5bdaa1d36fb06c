/**
 * Message times the server sends that cannot be right (timeUnclear, as for conversations in
 * unclear-times.ts): a channel whose clock says 2099 put its message at the bottom of its thread for
 * good, every later reply above it, and one saying 1970 at the top. A thread is read and paged in
 * the order of the cache's `created_at`, so such a time is not written there as it came: what the
 * channel sent is kept beside it (`unclear_at`, migration 0270) for the page to say the date is
 * unclear, and `created_at` holds a time that keeps the message where the server received it.
 *
 * That place is the server's, not Observe's: the server numbers a thread's messages as they come
 * and pages them by that number, so a message belongs after the one numbered before it. Its time
 * in the cache is that message's (the id then orders the two), or, with none cached before it (the
 * oldest of a page read back from the newest), the one numbered after it's. The time Observe first
 * saw it would be right only for a live message: a thread read whole, or a catch-up after hours
 * offline, brings messages received long before, and they would sort below replies that came later.
 * Only when the cache holds no other message of the thread is it that first sight.
 *
 * Once written, a message's place stands while the server sends the same time for it: messages never
 * change, and the thread's pages are keyset-paged on (created_at, id), so a place moving under a page
 * the supervisor holds would drop or repeat messages.
 */
import type { Database } from 'better-sqlite3'
import { EARLIEST_CLEAR_MS, FUTURE_TOLERANCE_MS, timeUnclear, type Message } from '../../../shared/domain'
import type { CachedMessage } from '../../../shared/ipc/contract'
import type { TimeJudge } from './unclear-times'
import { stmt } from './queries/statements'

/** A message as the cache writes it: `created_at` its place in the thread, `unclear_at` what the server sent when that could not be right. */
export interface SettledMessage {
  message: Message
  unclearAt: number | null
}

/** Whether a message's time is to be settled by `settleMessageTime` (cheap: most are not). */
export const messageTimeUnclear = (m: Message, now: number): boolean => timeUnclear(m.createdAt, now)

/**
 * The message as the cache keeps it, judged by the server's clock `times.now`. Call it only once
 * every message of the thread written alongside it with a clear time is in the cache, and for
 * unclear ones in the order of their ids: each takes its place from those already there. A time
 * met for the first time is logged, once.
 */
export function settleMessageTime(db: Database, m: Message, times: TimeJudge): SettledMessage {
  const held = stmt(db, 'SELECT created_at, unclear_at FROM messages WHERE id = ?').get(m.id) as { created_at: number; unclear_at: number | null } | undefined
  if (held !== undefined && held.unclear_at === m.createdAt) return { message: { ...m, createdAt: held.created_at }, unclearAt: m.createdAt }
  const place = placeInThread(db, m.conversationId, m.id, times.now) ?? times.now
  times.log('warn', `message ${m.id} of conversation ${m.conversationId}: its time cannot be right; kept in the order the server received it`, {
    sent: new Date(m.createdAt).toISOString(),
    keptAs: new Date(place).toISOString(),
  })
  return { message: { ...m, createdAt: place }, unclearAt: m.createdAt }
}

/**
 * The time that puts message `id` where the server numbered it among the thread's cached messages
 * whose place is settled (a clear time, or one kept already): the one before it's, else the one
 * after it's; null when there is none.
 */
function placeInThread(db: Database, conversationId: number, id: number, now: number): number | null {
  const settled = 'conversation_id = @conversationId AND (unclear_at IS NOT NULL OR created_at BETWEEN @floor AND @ceiling)'
  const bounds = { conversationId, id, floor: EARLIEST_CLEAR_MS, ceiling: now + FUTURE_TOLERANCE_MS }
  const before = stmt(db, `SELECT created_at FROM messages WHERE ${settled} AND id < @id ORDER BY id DESC LIMIT 1`).pluck().get(bounds) as number | undefined
  if (before !== undefined) return before
  const after = stmt(db, `SELECT created_at FROM messages WHERE ${settled} AND id > @id ORDER BY id LIMIT 1`).pluck().get(bounds) as number | undefined
  return after ?? null
}

/**
 * Settles the message times a cache holds as they came (migration 0270), judged by the server's
 * clock `now`, each placed as the upsert would place it. Returns how many messages moved.
 */
export function settleCachedMessageTimes(db: Database, now: number): number {
  const found = db
    .prepare('SELECT id, conversation_id, created_at FROM messages WHERE created_at < @floor OR created_at > @ceiling ORDER BY id')
    .all({ floor: EARLIEST_CLEAR_MS, ceiling: now + FUTURE_TOLERANCE_MS }) as { id: number; conversation_id: number; created_at: number }[]
  const write = db.prepare('UPDATE messages SET created_at = ?, unclear_at = ? WHERE id = ?')
  for (const row of found) write.run(placeInThread(db, row.conversation_id, row.id, now) ?? now, row.created_at, row.id)
  return found.length
}

/** A message read from the server and not cached (older history), its unclear time marked for the page as it is. */
export function markUnclearMessage(m: Message, now: number): CachedMessage {
  return messageTimeUnclear(m, now) ? { ...m, unclearAt: m.createdAt } : m
}
