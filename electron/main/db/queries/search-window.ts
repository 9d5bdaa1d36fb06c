import type { Database, Statement } from 'better-sqlite3'
import { FTS_MATCH } from './conversation-filters'
import { textQuery, type SearchWord } from './search-index'
import { stmt } from './statements'

/**
 * Reading a search's matches from one end of the id range, as far as a page needs them.
 *
 * FTS5 hands matches out in id order, lazily, from either end: the newest (or oldest) few
 * thousand cost a fraction of a millisecond even for a word in a third of all conversations,
 * while reading all of them (to check a tab walk against the set) costs tens. Ids grow with
 * creation, and a list in activity or date order starts among the newest conversations (or the
 * oldest, in ascending order), so a page can usually be decided from one end of the matches.
 *
 * In the customer-name order ids say nothing, so the walked rows are checked in one pass over the
 * matches instead: cheaper than collecting every match, which is what checking a walk against the
 * search inside SQL does.
 */

/** Under this many matches a search is "few": its matches are sorted, no tab is walked. */
export const FEW_MATCHES = 4000
/**
 * Below this many matches, SQLite checking the name walk against all of them costs no more than a
 * pass, and walks on as far as it must (names cluster, so a first try often falls short).
 */
const NAME_WALK_MIN = 50_000
/** How many of the newest matches estimate the count of a search in the name order. */
const NAME_SAMPLE = 500
/** The most walked rows one try of the window decides; each try walks 4× the one before. */
const WINDOW_MAX = 16_000
/** The most matches the window reads; past it, checking the walk against every match is cheaper. */
const WINDOW_READ_MAX = 20_000

/**
 * In the name order, up to about this many matches are sorted, not walked: a name search finds its
 * rows only once the walk reaches that name, and sorting 20,000 costs about what one pass over the
 * matches of a word in a third of the cache does.
 */
export const SORT_ALL_MAX = 20_000

/** The row a walk yields: its id and its sort key. */
export interface WalkedRow {
  id: number
  k: number | string
}

export type SearchPage =
  | { kind: 'few'; ids: number[] }
  /** Exactly the page's ids, in order. */
  | { kind: 'window'; ids: number[] }
  /** In the name order: ids that hold the page, for the caller to sort (see name-lead.ts). */
  | { kind: 'lead'; ids: number[] }
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
 * Which of `ids` match: one pass over the matches, each checked against the ids (SQLite puts a
 * Bloom filter in front). The + keeps FTS5 from taking the ids as rowid constraints: it would run
 * the whole query once per id, up to a second for 400 ids on a two-word search.
 */
function matchingIds(db: Database, fts: string, ids: readonly number[]): Set<number> {
  const sql = `${FTS_MATCH} AND +rowid IN (SELECT value FROM json_each(?))`
  return new Set(stmt(db, sql).pluck().all(fts, JSON.stringify(ids)) as number[])
}

/**
 * One search of a single id costs about what a pass spends on this many matches: some 25 µs a
 * word looked up, against 30-90 ns a match read in a pass. Words are looked up directly: a prefix
 * with a list of its own, or a longer word spelled out (search-index.ts's spelledOutWords).
 */
const PROBE_MATCHES = 500

/** What searching single ids needs to know, in the name order. */
export interface Probing {
  /** The search's words for single ids (search-index.ts), or null when it has no cheap form. */
  words: SearchWord[] | null
  /** Rows in the tab walked, and in the whole cache: how far a walk goes per match, and what a pass reads. */
  tabRows: number
  allRows: number
}

/**
 * Searches for single ids, for a word in many conversations ("m" as the first letter is typed,
 * "refund" in Handled): a page is found after some 70 to 300 of them where a pass would read
 * hundreds of thousands of matches. Each id is searched once however many tries walk past it,
 * and no more than `budget` in all. A JS number binds as a float, and FTS5 does not honour a rowid
 * constraint given as one (it returns every match), so the id goes in as a BigInt.
 */
class MatchProbe {
  private readonly known = new Map<number, boolean>()
  private readonly probe: Statement
  private readonly labelSet: Statement

  constructor(
    db: Database,
    private readonly words: readonly SearchWord[],
    private budget: number,
  ) {
    this.probe = stmt(db, `${FTS_MATCH} AND rowid = ?`).pluck()
    this.labelSet = stmt(db, 'SELECT label_set FROM conversations WHERE id = ?').pluck()
  }

  /**
   * Single-id searches for a walk of a search estimated at `total` matches, when they can beat a
   * pass over the matches. The pass of a tab's search reads every match of its words across the
   * cache, then the tab's status token list; the walk passes tabRows / total rows per match.
   */
  static start(db: Database, probing: Probing | undefined, total: number, limit: number, always: boolean): MatchProbe | null {
    if (!probing) return null
    const { tabRows, allRows } = probing
    const passReads = (total * allRows) / Math.max(1, tabRows) + (tabRows < allRows ? tabRows : 0)
    const budget = always ? Number.POSITIVE_INFINITY : passReads / PROBE_MATCHES
    if ((limit * tabRows) / Math.max(1, total) > budget) return null
    return probing.words === null ? null : new MatchProbe(db, probing.words, budget)
  }

  /**
   * Whether the row matches; undefined once the budget is spent. A word a label satisfies is
   * checked against the row's own labels (label_set holds what the index's label tokens do), so
   * only the rest are searched, and the row not at all when labels satisfy every word.
   */
  matches(row: WalkedRow): boolean | undefined {
    let match = this.known.get(row.id)
    if (match === undefined) {
      if (this.budget-- <= 0) return undefined
      const text = textQuery(this.words, (this.labelSet.get(row.id) as string | undefined) ?? '')
      match = text === true || (text !== null && this.probe.get(text, BigInt(row.id)) !== undefined)
      this.known.set(row.id, match)
    }
    return match
  }
}

/** Checks rows by single-id searches, however many; null when the search has no cheap form for them. */
export function singleIdMatcher(db: Database, words: readonly SearchWord[] | null): ((row: WalkedRow) => boolean | undefined) | null {
  if (words === null) return null
  const probe = new MatchProbe(db, words, Number.POSITIVE_INFINITY)
  return (row) => probe.matches(row)
}

/**
 * The ids of the walk's first `limit` matching rows, checked in walk order; null when the walk
 * (of `size` rows asked for) ran on and still had too few, undefined when `matches` could not tell.
 */
export function pick(rows: readonly WalkedRow[], size: number, limit: number, matches: (row: WalkedRow) => boolean | undefined): number[] | null | undefined {
  const hits: number[] = []
  for (const row of rows) {
    const match = matches(row)
    if (match === undefined) return undefined
    if (match && hits.push(row.id) === limit) return hits
  }
  return rows.length < size ? hits : null
}

/**
 * The ids of a page under a search, when they can be had without every match: `few` when the
 * search has fewer than FEW_MATCHES matches (all of them, for the caller to sort), `window` when
 * the first rows of the walk decide the page, else `many`.
 *
 * `walk(n)` yields the first n rows of the list without the search, in the list's order (other
 * filters and the keyset applied); `byId` says whether that order follows ids (activity and dates
 * do, names do not); `limit` is how many rows the page needs (with the one that says more follow).
 * `walkAlways` tries the walk at any number of matches: tests hold it to a scan on small caches.
 * `lead`, in the name order, tries the page from the names that begin with the word searched,
 * given the estimated number of matches and the newest of them. `probing`, in the name order, lets
 * a walk be checked by searching single ids (see MatchProbe).
 */
export function searchPage(
  db: Database,
  fts: string,
  walk: (n: number) => WalkedRow[],
  byId: boolean,
  limit: number,
  walkAlways = false,
  lead?: (total: number, sample: readonly number[]) => number[] | null,
  probing?: Probing,
): SearchPage {
  const newest = new MatchReader(db, fts, true)
  let oldest: MatchReader | null = null
  try {
    // In the name order few and many-but-not-too-many matches are both sorted, so fewer matches
    // are read to tell them apart: enough to estimate how many there are.
    newest.readTo(Number.NEGATIVE_INFINITY, byId ? FEW_MATCHES : NAME_SAMPLE)
    if (newest.done && !walkAlways) return { kind: 'few', ids: [...newest.ids] }
    if (newest.ids.size === 0) return { kind: 'window', ids: [] }
    // Matches per id among the newest: how many reads a stretch of ids would take.
    const top = newest.ids.values().next().value!
    const density = newest.ids.size / (top - newest.reached + 1)
    const many = { kind: 'many', total: Math.round(density * top) } as const
    if (!byId) {
      const ids = lead?.(many.total, [...newest.ids]) ?? null
      if (ids) return { kind: 'lead', ids }
      const probes = MatchProbe.start(db, probing, many.total, limit, walkAlways)
      if (!probes && many.total <= NAME_WALK_MIN && !walkAlways) return many
      // Each try costs a pass over every match, so the first one is sized to hold the page at the
      // density seen among the newest ids; names clustered far down the order need wider tries.
      // Searched by id, a row is searched once however many tries pass it: the first try can be
      // sized to the tab's own rows (an eighth of the ids for Handled), for less walk.
      const perRow = probes && probing ? Math.min(1, many.total / Math.max(1, probing.tabRows)) : density
      for (let size = Math.max(4 * limit, Math.ceil((2 * limit) / perRow)); size <= WINDOW_MAX; size *= 4) {
        const rows = walk(size)
        if (rows.length === 0) return { kind: 'window', ids: [] }
        let ids = probes ? pick(rows, size, limit, (row) => probes.matches(row)) : undefined
        if (ids === undefined) {
          const hits = matchingIds(db, fts, rows.map((row) => row.id))
          ids = pick(rows, size, limit, (row) => hits.has(row.id))
        }
        if (ids) return { kind: 'window', ids }
      }
      return many
    }
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
      const ids = pick(rows, size, limit, (row) => reader.ids.has(row.id))
      if (ids) return { kind: 'window', ids }
    }
    return many
  } finally {
    newest.close()
    oldest?.close()
  }
}
