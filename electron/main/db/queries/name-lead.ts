import type { Database } from 'better-sqlite3'
import { nameLeadQuery, prefixEnd, type SearchWord } from './search-index'
import { stmt } from './statements'
import { FEW_MATCHES, pick, singleIdMatcher, type WalkedRow } from './search-window'

/**
 * A page in the customer-name order for a word most of whose matches begin their name with it.
 *
 * A very common first name ("muhammad") gathers its matches in one stretch of the name order. A
 * walk of the names from the start checks every name before that stretch (most of the cache), and
 * sorting the matches reads every one of them by id; both take around 100 ms at a million
 * conversations. Split instead: the names that begin with the word are one range of the name
 * index, walked straight from its start, and what matches elsewhere (the word later in a name, in a
 * handle or a message) is few enough to sort. The index tells those apart itself: every document
 * carries the first word of its name (search-index.ts's name lead), so the matches outside the range
 * are one query, whatever the tokenizer makes of a name.
 */

/** Most matches that lie outside the range, to be sorted with its rows; past it, other plans. */
export const LEAD_OTHERS_MAX = 8000
/** Most matches worth reading in full for this plan; more, and they do not gather in one range. */
const LEAD_TOTAL_MAX = 250_000
/** Most rows of the range one try walks; each try walks 4× the one before. */
const LEAD_WALK_MAX = 16_000

/** A range of customer_sort values. */
export interface NameRange {
  from: string
  below: string
}

/** The customer_sort values that begin with `term`: from it, up to the next string of its length. */
export function leadRange(term: string): NameRange {
  return { from: term, below: prefixEnd(term) }
}

export interface LeadSearch {
  /**
   * The FTS5 query of the search in every tab: the rows it gives are checked against the tab by
   * the caller, and a tab's own search reads its status token's list on top (120k entries for
   * Handled at a million), which costs more than the few other tabs' rows it leaves out.
   */
  fts: string
  /** The one word searched, folded as customer_sort is. */
  term: string
  /** The matches the search is estimated to have. */
  total: number
  /** Some of its matches (the newest), to tell how many lie in the range. */
  sample: readonly number[]
  /** How many rows the page needs. */
  limit: number
  /** Whether the list runs Z to A. */
  descending: boolean
  /** The name the previous page ended at, if this is a later page. */
  after: string | null
  /** The first n rows of the list (tab, filters and keyset applied, no search) among names in `names`. */
  walk: (n: number, names: NameRange) => WalkedRow[]
  /** The search's words for single-id searches (search-index.ts), or null when it has no cheap form. */
  words: SearchWord[] | null
  /** Tries the plan whatever the estimate says (tests hold it to a scan on small caches). */
  always?: boolean
}

/**
 * Ids that hold the page, for the caller to check against the tab and filters and sort: every
 * match outside the range, and the range's first matching rows. Null when the matches do not
 * gather in the range, or too many lie outside it, or the word is longer than name leads keep.
 */
export function leadPage(db: Database, search: LeadSearch): number[] | null {
  if (!search.always && (search.total <= FEW_MATCHES || search.total > LEAD_TOTAL_MAX)) return null
  const lead = nameLeadQuery(search.term)
  if (lead === null) return null
  const range = leadRange(search.term)
  if (!search.always) {
    // Most matches must gather in the range, or the plan is only a slower sort. The share is
    // from a sample: leave room before giving up on it.
    const share = sampleInRange(db, search.sample, range)
    if (share < 0.5 || search.total * (1 - share) > 2 * LEAD_OTHERS_MAX) return null
    // When the range comes early in the walk, walking up to it costs less than reading every match.
    if (namesBefore(db, range, search) < LEAD_WALK_MAX) return null
  }
  const others = idList(db, MATCH_IDS, `(${search.fts}) NOT ${lead}`)
  if (others.length > LEAD_OTHERS_MAX && !search.always) return null
  // The range's rows are checked one by one: a name that begins with the word may still not match
  // it (letters styled as Unicode symbols read as plain ones in the name order, not in the index).
  const matches = singleIdMatcher(db, search.words) ?? inMatches(db, search.fts)
  for (let size = 2 * search.limit; size <= LEAD_WALK_MAX; size *= 4) {
    // Every matching row of the range up to the last one picked is found: enough once they fill a
    // page, or once the range ran out.
    const found = pick(search.walk(size, range), size, search.limit, matches)
    if (found) return [...others, ...found]
  }
  return null
}

/** Whether a row matches, looked up in every match read in id order: for a search with no cheap single-id form. */
function inMatches(db: Database, fts: string): (row: WalkedRow) => boolean {
  const ids = idList(db, MATCH_IDS, fts)
  return (row) => includesSorted(ids, row.id)
}

/** The share of the sample whose names are in the range. */
function sampleInRange(db: Database, sample: readonly number[], range: NameRange): number {
  if (sample.length === 0) return 0
  const inRange = stmt(
    db,
    'SELECT count(*) FROM json_each(?) s CROSS JOIN conversations c ON c.id = s.value WHERE c.customer_sort >= ? AND c.customer_sort < ?',
  )
    .pluck()
    .get(JSON.stringify(sample), range.from, range.below) as number
  return inRange / sample.length
}

/** How many names the list passes before reaching the range, counted up to LEAD_WALK_MAX. */
function namesBefore(db: Database, range: NameRange, search: LeadSearch): number {
  const names = 'SELECT 1 FROM conversations INDEXED BY conversations_all_customer WHERE'
  const count = (where: string, ...params: unknown[]): number =>
    stmt(db, `SELECT count(*) FROM (${names} ${where} LIMIT ?)`).pluck().get(...params, LEAD_WALK_MAX) as number
  if (search.descending) {
    return search.after === null ? count('customer_sort >= ?', range.below) : count('customer_sort >= ? AND customer_sort <= ?', range.below, search.after)
  }
  return search.after === null ? count('customer_sort < ?', range.from) : count('customer_sort >= ? AND customer_sort < ?', search.after, range.from)
}

/** In id order (FTS5's own, no sort), so walked rows are looked up in it by bisection. */
const MATCH_IDS = 'SELECT json_group_array(rowid) FROM (SELECT rowid FROM conversation_search WHERE conversation_search MATCH ? ORDER BY rowid)'

/** Ids as one JSON text: for tens of thousands of them, about half the cost of reading row by row. */
function idList(db: Database, sql: string, ...params: unknown[]): number[] {
  return JSON.parse(stmt(db, sql).pluck().get(...params) as string) as number[]
}

/** Whether `id` is in `ids`, which are in ascending order. */
function includesSorted(ids: readonly number[], id: number): boolean {
  let low = 0
  let high = ids.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    if (ids[mid]! < id) low = mid + 1
    else if (ids[mid]! > id) high = mid - 1
    else return true
  }
  return false
}
