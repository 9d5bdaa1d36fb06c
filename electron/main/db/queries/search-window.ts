import type { Database } from 'better-sqlite3'
import { FTS_MATCH } from './conversation-filters'
import { stmt } from './statements'

/**
 * Reading a search's matches newest first, as far as a page needs them.
 *
 * FTS5 hands matches out in id order, lazily: the newest few thousand cost a fraction of a
 * millisecond even for a word in a third of all conversations, while reading all of them (to
 * check a tab walk against the set) costs tens. Ids grow with creation, and a list in activity or
 * date order mostly starts among the newest conversations, so a page can usually be decided from
 * the top of the matches alone.
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
  | { kind: 'many' }

/**
 * The ids of a page under a search, when they can be had without every match: `few` when the
 * search has fewer than FEW_MATCHES matches (all of them, for the caller to sort), `window` when
 * the first rows of the walk are decided by the newest matches, else `many`.
 *
 * `walk(n)` yields the first n rows of the list without the search, in the list's order (other
 * filters and the keyset applied); `limit` is how many rows the page needs (with the one that
 * says more follow).
 */
export function searchPage(db: Database, fts: string, walk: (n: number) => WalkedRow[], limit: number): SearchPage {
  const newest = stmt(db, `${FTS_MATCH} ORDER BY rowid DESC`).pluck().iterate(fts) as IterableIterator<number>
  try {
    const matches: number[] = []
    const seen = new Set<number>()
    let exhausted = false
    const readOne = (): void => {
      const next = newest.next()
      if (next.done) {
        exhausted = true
        return
      }
      matches.push(next.value)
      seen.add(next.value)
    }
    while (!exhausted && matches.length < FEW_MATCHES) readOne()
    if (exhausted) return { kind: 'few', ids: matches }
    // Matches per id among the newest: how far down a walk's lowest id would take the reading.
    const density = matches.length / (matches[0]! - matches.at(-1)! + 1)
    // How often a walked row matches is not known (the walk has filters of its own): start with
    // a page a quarter matching, then widen.
    for (let size = 4 * limit; size <= WINDOW_MAX; size *= 4) {
      const rows = walk(size)
      if (rows.length === 0) return { kind: 'window', ids: [] }
      const lowest = rows.reduce((low, row) => Math.min(low, row.id), Number.POSITIVE_INFINITY)
      if (density * (matches.at(-1)! - lowest) > WINDOW_READ_MAX) return { kind: 'many' }
      // Every match at or above the last one read is known.
      while (!exhausted && matches.at(-1)! > lowest) {
        if (matches.length === WINDOW_READ_MAX) return { kind: 'many' }
        readOne()
      }
      const hits = rows.filter((row) => seen.has(row.id))
      if (hits.length >= limit || rows.length < size) return { kind: 'window', ids: hits.slice(0, limit).map((row) => row.id) }
    }
    return { kind: 'many' }
  } finally {
    newest.return?.()
  }
}
