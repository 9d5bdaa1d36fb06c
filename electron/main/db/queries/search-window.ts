import type { Database } from 'better-sqlite3'
import { FTS_MATCH } from './conversation-filters'
import { stmt } from './statements'

/**
 * Reading a search's matches from one end of the id range, as far as a page needs them.
 *
 * FTS5 hands matches out in id order, lazily, from either end: the newest (or oldest) few
 * thousand cost a fraction of a millisecond even for a word in a third of all conversations,
 * while reading all of them (to check a tab walk against the set) costs tens. Ids grow with
 * creation, and a list in activity or date order starts among the newest conversations (or the
 * oldest, in ascending order), so a page can usually be decided from one end of the matches.
 */

/** Under this many matches a search is "few": its matches are sorted, no tab is walked. */
export const FEW_MATCHES = 4000
/** The most walked rows one try of the window decides; each try walks 4× the one before. */
const WINDOW_MAX = 16_000
/** The most matches the window reads; past it, checking the walk against every match is cheaper. */
const WINDOW_READ_MAX = 20_000

/** The row a walk yields: its id and its sort key. */
export interface WalkedRow {
  id: number
  k: number | string
}

export type SearchPage =
  | { kind: 'few'; ids: number[] }
  /** Exactly the page's ids, in order. */
  | { kind: 'window'; ids: number[] }
  /** Neither: `total` is how many matches the search has, estimated from the newest. */
  | { kind: 'many'; total: number }

/** Matches read lazily from one end of the id range; every match up to `reached` is known. */
class MatchReader {
  readonly ids = new Set<number>()
  /** The last id read: every match between it and the reader's end is in `ids`. */
  reached: number
  done = false
  private readonly rows: IterableIterator<number>

  constructor(
    db: Database,
    fts: string,
    readonly descending: boolean,
  ) {
    this.rows = stmt(db, `${FTS_MATCH} ORDER BY rowid ${descending ? 'DESC' : 'ASC'}`).pluck().iterate(fts) as IterableIterator<number>
    this.reached = descending ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
  }

  /** Reads on until `id` is decided or `max` ids are held; whether it got there. */
  readTo(id: number, max: number): boolean {
    while (!this.done && (this.descending ? this.reached > id : this.reached < id)) {
      if (this.ids.size >= max) return false
      const next = this.rows.next()
      if (next.done) this.done = true
      else this.ids.add((this.reached = next.value))
    }
    return true
  }

  close(): void {
    this.rows.return?.()
  }
}

/**
 * The ids of a page under a search, when they can be had without every match: `few` when the
 * search has fewer than FEW_MATCHES matches (all of them, for the caller to sort), `window` when
 * the first rows of the walk are decided by the matches at one end of the id range, else `many`.
 *
 * `walk(n)` yields the first n rows of the list without the search, in the list's order (other
 * filters and the keyset applied), or is null for an order that ids say nothing about; `limit` is
 * how many rows the page needs (with the one that says more follow).
 */
export function searchPage(db: Database, fts: string, walk: ((n: number) => WalkedRow[]) | null, limit: number): SearchPage {
  const newest = new MatchReader(db, fts, true)
  let oldest: MatchReader | null = null
  try {
    newest.readTo(Number.NEGATIVE_INFINITY, FEW_MATCHES)
    if (newest.done) return { kind: 'few', ids: [...newest.ids] }
    // Matches per id among the newest: how many reads a stretch of ids would take.
    const top = newest.ids.values().next().value!
    const density = newest.ids.size / (top - newest.reached + 1)
    const many = { kind: 'many', total: Math.round(density * top) } as const
    if (!walk) return many
    // How often a walked row matches is not known (the walk has filters of its own): start with
    // a page a quarter matching, then widen.
    for (let size = 4 * limit; size <= WINDOW_MAX; size *= 4) {
      const rows = walk(size)
      if (rows.length === 0) return { kind: 'window', ids: [] }
      let lowest = Number.POSITIVE_INFINITY
      let highest = Number.NEGATIVE_INFINITY
      for (const { id } of rows) {
        lowest = Math.min(lowest, id)
        highest = Math.max(highest, id)
      }
      // From the end the walk's ids lie nearer to; ids start at 1.
      const fromTop = density * (newest.reached - lowest)
      const fromBottom = density * (highest - (oldest?.reached ?? 0))
      if (Math.min(fromTop, fromBottom) > WINDOW_READ_MAX) return many
      const reader = fromTop <= fromBottom ? newest : (oldest ??= new MatchReader(db, fts, false))
      if (!reader.readTo(reader.descending ? lowest : highest, WINDOW_READ_MAX)) return many
      const hits = rows.filter((row) => reader.ids.has(row.id))
      if (hits.length >= limit || rows.length < size) return { kind: 'window', ids: hits.slice(0, limit).map((row) => row.id) }
    }
    return many
  } finally {
    newest.close()
    oldest?.close()
  }
}
