import type { Database } from 'better-sqlite3'
import { stmt } from './statements'

/**
 * Keeping the search index in few segments.
 *
 * FTS5 writes each commit's documents as a new segment, and merges segments by fours as it goes.
 * A search looks a word up in every segment: with the ten or so a bootstrap of a million
 * conversations leaves behind, asking whether one conversation matches costs 110-175 µs; with one
 * segment, 15-35 µs, and reading all of a word's matches gets cheaper too. So once online the sync
 * merges them into one, in small steps (see SyncEngine).
 */

/** Above this many segments the index is merged into one; merging as it goes keeps a few on each level. */
export const TIDY_ABOVE_SEGMENTS = 8

/** FTS5's mark of the structure record's second format (the one contentless_delete tables use). */
const STRUCTURE_V2 = [0xff, 0x00, 0x00, 0x01]

/**
 * How many segments the index has, as its structure record says: a 4-byte cookie, the V2 mark,
 * then the number of levels and of segments as SQLite varints (SQLite's file format, which stays).
 */
export function searchSegments(db: Database): number {
  const block = stmt(db, 'SELECT block FROM conversation_search_data WHERE id = 10').pluck().get() as Uint8Array | undefined
  if (!block) return 0
  let at = STRUCTURE_V2.every((byte, i) => block[4 + i] === byte) ? 8 : 4
  const varint = (): number => {
    let value = 0
    for (let n = 0; n < 5 && at < block.length; n++) {
      const byte = block[at++]!
      value = value * 128 + (byte & 0x7f)
      if (byte < 0x80) break
    }
    return value
  }
  varint() // levels
  return varint()
}

/** Whether the index has enough segments to be merged into one. */
export const searchNeedsMerging = (db: Database): boolean => searchSegments(db) > TIDY_ABOVE_SEGMENTS

/**
 * One step of merging every segment into one, writing about `pages` pages (about 10 ms for 64),
 * in a transaction of its own; whether it did any work.
 */
export function mergeSearchStep(db: Database, pages: number): boolean {
  const changes = stmt(db, 'SELECT total_changes()').pluck()
  return db
    .transaction(() => {
      const before = changes.get() as number
      // A negative count merges segments of any level, down to one (FTS5's incremental optimize).
      // FTS5 takes it only as an integer, and better-sqlite3 binds a JS number as a float.
      stmt(db, "INSERT INTO conversation_search (conversation_search, rank) VALUES ('merge', ?)").run(BigInt(-Math.max(1, Math.trunc(pages))))
      // FTS5's own sign of a merge that found nothing to do: fewer than two rows changed.
      return (changes.get() as number) - before >= 2
    })
    .immediate()
}

/** What the sync does once online (see SyncEngine), on one connection and to the end: for the bench and tests. */
export function tidySearchIndex(db: Database, pages = 64): void {
  if (!searchNeedsMerging(db)) return
  while (mergeSearchStep(db, pages)) {
    // the next step
  }
}
