import type { Database } from 'better-sqlite3'
import type { Tab } from '../../../../shared/ipc'
import { prefixEnd } from './search-index'
import { stmt } from './statements'
import { FEW_MATCHES, pick, type WalkedRow } from './search-window'

/**
 * A page in the customer-name order for a word most of whose matches begin their name with it.
 *
 * A very common first name ("muhammad") gathers its matches in one stretch of the name order. A
 * walk of the names from the start checks every name before that stretch (most of the cache), and
 * sorting the matches reads every one of them by id; both take around 100 ms at a million
 * conversations. Split instead: the names that begin with the word are one range of the name
 * index, walked straight from its start, and what matches elsewhere (the word later in a name, in a
 * handle or a message) is few enough to sort. Which match lies where comes from the two id lists
 * merged, so the page is exact whatever the tokenizer makes of a name.
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
  /** The tab listed: its range of names is read from its own name index. */
  tab: Tab
  /** The FTS5 query of the tab's search. */
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
  /** Tries the plan whatever the estimate says (tests hold it to a scan on small caches). */
  always?: boolean
}

/**
 * Ids that hold the page, for the caller to check against the tab and filters and sort: every
 * match outside the range, and the range's first matching rows. Null when the matches do not
 * gather in the range, or too many lie outside it.
 */
export function leadPage(db: Database, search: LeadSearch): number[] | null {
  if (!search.always && (search.total <= FEW_MATCHES || search.total > LEAD_TOTAL_MAX)) return null
  const range = leadRange(search.term)
  if (!search.always) {
    // Most matches must gather in the range, or the plan is only a slower sort. The share is
    // from a sample: leave room before giving up on it.
    const share = sampleInRange(db, search.sample, range)
    if (share < 0.5 || search.total * (1 - share) > 2 * LEAD_OTHERS_MAX) return null
    // When the range comes early in the walk, walking up to it costs less than reading every match.
    if (namesBefore(db, range, search) < LEAD_WALK_MAX) return null
  }
  const ranged = idList(db, search.tab === 'handled' ? HANDLED_RANGE_IDS : RANGE_IDS, range.from, range.below)
  const matches = idList(db, MATCH_IDS, search.fts)
  const inRange = new IdSet(ranged)
  const others = matches.filter((id) => !inRange.has(id))
  if (others.length > LEAD_OTHERS_MAX && !search.always) return null
  for (let size = 2 * search.limit; size <= LEAD_WALK_MAX; size *= 4) {
    // Every matching row of the range up to the last one picked is found: enough once they fill a
    // page, or once the range ran out.
    const found = pick(search.walk(size, range), size, search.limit, (row) => includesSorted(matches, row.id))
    if (found) return [...others, ...found]
  }
  return null
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

/**
 * The ids of the names in a range. Handled reads its own name index (an eighth of the rows): the
 * matches it is held against are its own. A row whose status and search document disagreed would
 * only count as a match outside the range, and those are checked against the tab again.
 */
const RANGE_IDS = 'SELECT json_group_array(id) FROM conversations INDEXED BY conversations_all_customer WHERE customer_sort >= ? AND customer_sort < ?'
const HANDLED_RANGE_IDS = `SELECT json_group_array(id) FROM conversations INDEXED BY conversations_handled_customer
  WHERE status = 'handled' AND customer_sort >= ? AND customer_sort < ?`
/** In id order (FTS5's own, no sort), so the few walked rows are looked up in it without a set of them all. */
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

/** Ids below this are held as one byte each (at most 16 MB); the rare larger ones in a Set. */
const DENSE_MAX = 1 << 24

/**
 * A set of ids, which count up from 1: a byte per id is cheaper to fill and probe than a Set of
 * tens of thousands.
 */
class IdSet {
  private readonly dense: Uint8Array
  private readonly sparse = new Set<number>()

  constructor(ids: readonly number[]) {
    let max = -1
    for (const id of ids) if (id < DENSE_MAX && id > max) max = id
    this.dense = new Uint8Array(max + 1)
    for (const id of ids) {
      if (Number.isInteger(id) && id >= 0 && id <= max) this.dense[id] = 1
      else this.sparse.add(id)
    }
  }

  has(id: number): boolean {
    return id >= 0 && id < this.dense.length && Number.isInteger(id) ? this.dense[id] === 1 : this.sparse.has(id)
  }
}
