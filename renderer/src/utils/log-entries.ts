/**
 * Putting a fresh read of one end of Log History on the pages already held from that end, without
 * a gap between them and without keeping what the log no longer holds. The log is held from its
 * newest entries (as the page opens), or from its oldest (after End), in the order it is read
 * from there: every function here takes that order.
 */
import type { Id } from '@shared/domain'
import type { LogEntry, LogOrder } from '@shared/ipc/log-history'

type Placed = Pick<LogEntry, 'at' | 'id'>

/**
 * Log History's order, as the cache reads it: newest first by when the hand-off happened, the id
 * breaking ties. Whether `a` comes below `b`.
 */
export function isOlder(a: Placed, b: Placed): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id)
}

/** Whether `a` is read after `b` in `order`: below it newest first, above it oldest first. */
export function readsAfter(a: Placed, b: Placed, order: LogOrder): boolean {
  return order === 'newest_first' ? isOlder(a, b) : isOlder(b, a)
}

/** The entries held, in the order read, and the cursor that reads on after them (null: nothing further is kept). */
export interface HeldLog {
  entries: readonly LogEntry[]
  nextBefore: Id | null
}

/**
 * Whether a fresh run from the log's end, read as far as `last`, says the same as what is held
 * over the ids both cover. An entry held there that the log lacks, or holds otherwise, means the
 * log was emptied and filled anew (signed in elsewhere, the cache started over) or, read from the
 * oldest, lost its oldest to the window: what is held further on may not be this log either.
 */
function agrees(held: readonly LogEntry[], byId: ReadonlyMap<Id, LogEntry>, last: LogEntry, order: LogOrder): boolean {
  for (const entry of held) {
    if (readsAfter(entry, last, order)) break
    const fresh = byId.get(entry.id)
    if (!fresh || fresh.conversationId !== entry.conversationId || fresh.at !== entry.at || fresh.action !== entry.action) return false
  }
  return true
}

/**
 * The log after a fresh read of the end it is held from (a run from the very first entry in
 * `order`, `nextBefore` reading on after it). Fresh copies replace held ones (a chat that left the
 * cache says so now); held entries further on than the fresh run stay, with their cursor, when
 * the run reaches them. A run that stops short of them (more arrived than was read) or disagrees
 * with them starts the log over from the run, rather than leave a hole or a stranger's entries.
 */
export function mergeRun(held: HeldLog, fresh: HeldLog, order: LogOrder): HeldLog {
  const last = fresh.entries.at(-1)
  // The whole log fits the run: it is the log, whatever was held.
  if (fresh.nextBefore === null || last === undefined) return { entries: [...fresh.entries], nextBefore: fresh.nextBefore }
  const first = held.entries[0]
  const reaches = first !== undefined && !readsAfter(first, last, order)
  const byId = new Map(fresh.entries.map((entry) => [entry.id, entry]))
  if (!reaches || !agrees(held.entries, byId, last, order)) return { entries: [...fresh.entries], nextBefore: fresh.nextBefore }
  const further = held.entries.filter((entry) => readsAfter(entry, last, order))
  // Read on from whichever of the two went further.
  return { entries: [...fresh.entries, ...further], nextBefore: further.length > 0 ? held.nextBefore : fresh.nextBefore }
}

/** At most `keep` of the first entries held, reading on after the last one kept. */
export function keepFirst(held: HeldLog, keep: number): HeldLog {
  if (held.entries.length <= keep) return held
  const entries = held.entries.slice(0, keep)
  return { entries, nextBefore: entries.at(-1)!.id }
}

/** The next page after the held entries in `order`: only what comes after the last held one, so a row never shows twice. */
export function appendPage(held: HeldLog, page: HeldLog, order: LogOrder): HeldLog {
  const last = held.entries.at(-1)
  return { entries: [...held.entries, ...page.entries.filter((entry) => !last || readsAfter(entry, last, order))], nextBefore: page.nextBefore }
}
