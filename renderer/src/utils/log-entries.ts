/**
 * Putting a fresh read of Log History's newest entries on top of the pages already held, without
 * a gap between them and without keeping what the log no longer holds.
 */
import type { Id } from '@shared/domain'
import type { LogEntry } from '@shared/ipc/log-history'

/**
 * Log History's order, as the cache reads it: newest first by when the hand-off happened, the id
 * breaking ties. Whether `a` comes below `b`.
 */
export function isOlder(a: Pick<LogEntry, 'at' | 'id'>, b: Pick<LogEntry, 'at' | 'id'>): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id)
}

/** The entries held and the cursor that reads on below them (null: nothing older is kept). */
export interface HeldLog {
  entries: readonly LogEntry[]
  nextBefore: Id | null
}

/**
 * Whether a fresh run of the newest entries, read down to `oldest`, says the same as what is held
 * over the ids both cover. An entry held there that the log lacks, or holds otherwise, means the
 * log was emptied and filled anew (signed in elsewhere, the cache started over): what is held
 * below is no longer this log either.
 */
function agrees(held: readonly LogEntry[], byId: ReadonlyMap<Id, LogEntry>, oldest: LogEntry): boolean {
  for (const entry of held) {
    if (isOlder(entry, oldest)) break
    const fresh = byId.get(entry.id)
    if (!fresh || fresh.conversationId !== entry.conversationId || fresh.at !== entry.at || fresh.action !== entry.action) return false
  }
  return true
}

/**
 * The log after a fresh read of its newest entries (newest first, a run from the very newest,
 * `nextBefore` reading on below it). Fresh copies replace held ones (a chat that left the cache
 * says so now); held entries older than the fresh run stay, with their cursor, when the run
 * reaches down to them. A run that stops short of them (more arrived than was read) or disagrees
 * with them starts the log over from the run, rather than leave a hole or a stranger's entries.
 */
export function mergeNewest(held: HeldLog, fresh: HeldLog): HeldLog {
  const oldest = fresh.entries.at(-1)
  // The whole log fits the run: it is the log, whatever was held.
  if (fresh.nextBefore === null || oldest === undefined) return { entries: [...fresh.entries], nextBefore: fresh.nextBefore }
  const top = held.entries[0]
  const reaches = top !== undefined && !isOlder(top, oldest)
  const byId = new Map(fresh.entries.map((entry) => [entry.id, entry]))
  if (!reaches || !agrees(held.entries, byId, oldest)) return { entries: [...fresh.entries], nextBefore: fresh.nextBefore }
  const below = held.entries.filter((entry) => isOlder(entry, oldest))
  // Read on from whichever of the two went further down.
  return { entries: [...fresh.entries, ...below], nextBefore: below.length > 0 ? held.nextBefore : fresh.nextBefore }
}

/** At most `keep` of the newest entries held, reading on below the last one kept. */
export function keepNewest(held: HeldLog, keep: number): HeldLog {
  if (held.entries.length <= keep) return held
  const entries = held.entries.slice(0, keep)
  return { entries, nextBefore: entries.at(-1)!.id }
}

/** An older page below the held entries: only what is older than the last held one, so a row never shows twice. */
export function appendOlder(held: HeldLog, older: HeldLog): HeldLog {
  const last = held.entries.at(-1)
  return { entries: [...held.entries, ...older.entries.filter((entry) => !last || isOlder(entry, last))], nextBefore: older.nextBefore }
}
