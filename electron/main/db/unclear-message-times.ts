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
 *
 * A write's messages are placed a thread at a time, in memory, with at most one look at the cache
 * for the message before them (or after): a thread whose channel's clock is wrong throughout, 20,000
 * messages read back in 100 pages, was written here in about the time of as many clear ones.
 */
import type { Database } from 'better-sqlite3'
import { EARLIEST_CLEAR_MS, FUTURE_TOLERANCE_MS, timeUnclear, type Message } from '../../../shared/domain'
import type { CachedMessage } from '../../../shared/ipc/contract'
import type { TimeJudge } from './unclear-times'
import { stmt } from './queries/statements'

/** A message as the cache writes it: `createdAt` its place in the thread, `unclearAt` what the server sent when that could not be right. */
export interface SettledMessage {
  message: Message
  unclearAt: number | null
}

/** Whether a message's time is unclear at `now` (cheap: most are not, and their thread needs no look at the cache). */
export const messageTimeUnclear = (m: Message, now: number): boolean => timeUnclear(m.createdAt, now)

/**
 * Places a run of a thread's messages in the server's numbering: each with a place already (a
 * clear time, or one kept before) keeps it; each without (null) takes the place of the one before
 * it, or, with none before it, of the first after it that has one; `now` when none has.
 */
export function placeRun(run: readonly (number | null)[], now: number): number[] {
  const first = run.find((place) => place !== null) ?? now
  let last: number | null = null
  return run.map((place) => (last = place ?? last ?? first))
}

/**
 * One thread's messages of a write, in the server's numbering, as the cache keeps them, judged by
 * the server's clock `times.now`: a time met unclear for the first time is placed among them and
 * the thread's cached messages next to them, and logged once; one the cache holds already keeps
 * its place. Looks at the cache only for a thread with such a time, once for the message before
 * the run (a page of a thread is a run with nothing cached between its messages).
 */
export function settleThreadTimes(db: Database, thread: readonly Message[], times: TimeJudge): SettledMessage[] {
  const byId = [...thread].sort((a, b) => a.id - b.id)
  const held = byId.map((m) => stmt(db, 'SELECT created_at, unclear_at FROM messages WHERE id = ?').get(m.id) as HeldMessage | undefined)
  const kept = byId.map((m, i) => (held[i]?.unclear_at === m.createdAt ? held[i].created_at : null))
  const run = byId.map((m, i) => kept[i] ?? (messageTimeUnclear(m, times.now) ? null : m.createdAt))
  const { conversationId } = byId[0]!
  const before = run[0] === null ? cachedNext(db, conversationId, byId[0]!.id, 'before') : undefined
  const after = run.every((place) => place === null) && before === undefined ? cachedNext(db, conversationId, byId.at(-1)!.id, 'after') : undefined
  const places = placeRun([...(before === undefined ? [] : [before]), ...run, ...(after === undefined ? [] : [after])], times.now).slice(before === undefined ? 0 : 1)
  return byId.map((m, i) => {
    if (run[i] === m.createdAt) return { message: m, unclearAt: null }
    if (kept[i] === null) {
      times.log('warn', `message ${m.id} of conversation ${m.conversationId}: its time cannot be right; kept in the order the server received it`, {
        sent: new Date(m.createdAt).toISOString(),
        keptAs: new Date(places[i]!).toISOString(),
      })
    }
    return { message: { ...m, createdAt: places[i]! }, unclearAt: m.createdAt }
  })
}

interface HeldMessage {
  created_at: number
  unclear_at: number | null
}

/** The place of the cached message of the thread numbered nearest before (or after) `id`. */
function cachedNext(db: Database, conversationId: number, id: number, side: 'before' | 'after'): number | undefined {
  const sql =
    side === 'before'
      ? 'SELECT created_at FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT 1'
      : 'SELECT created_at FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT 1'
  return stmt(db, sql).pluck().get(conversationId, id) as number | undefined
}

/**
 * Settles the message times a cache holds as they came (migration 0270), judged by the server's
 * clock `now`, each thread placed as the upsert places a run. Returns how many messages moved.
 */
export function settleCachedMessageTimes(db: Database, now: number): number {
  const threads = db
    .prepare('SELECT DISTINCT conversation_id FROM messages WHERE created_at < ? OR created_at > ?')
    .pluck()
    .all(EARLIEST_CLEAR_MS, now + FUTURE_TOLERANCE_MS) as number[]
  const read = db.prepare('SELECT id, created_at FROM messages WHERE conversation_id = ? ORDER BY id')
  const write = db.prepare('UPDATE messages SET created_at = ?, unclear_at = ? WHERE id = ?')
  let moved = 0
  for (const conversationId of threads) {
    const rows = read.all(conversationId) as { id: number; created_at: number }[]
    const places = placeRun(
      rows.map((row) => (timeUnclear(row.created_at, now) ? null : row.created_at)),
      now,
    )
    rows.forEach((row, i) => {
      if (places[i] === row.created_at) return
      write.run(places[i], row.created_at, row.id)
      moved++
    })
  }
  return moved
}

/** A message read from the server and not cached (older history), its unclear time marked for the page as it is. */
export function markUnclearMessage(m: Message, now: number): CachedMessage {
  return messageTimeUnclear(m, now) ? { ...m, unclearAt: m.createdAt } : m
}
