import type { Database } from 'better-sqlite3'
import type { Filters, TabCounts } from '../../../../shared/ipc'
import { FTS_MATCH, openSearch, facetConditions, facetSource, filterConditions, hasCategorical, labelSetCondition, resolveFilters, whereClause, type ResolvedFilters } from './conversation-filters'
import { cellConditions, cellLists, cellsOf, DAY_MS, statusTotal, TAB_STATUSES } from './conversation-plan'
import { frag, stmt, type SqlFragment } from './statements'

interface StatusCount {
  status: string
  n: number
}

const HOUR_MS = 3_600_000

/**
 * The three tab counts under the filters, added up from the trigger-kept facet tables wherever
 * they can answer (0050, 0060, 0100), so a filter change never counts the whole table:
 *
 * - channel, type, agent and at most one label: the per-cell facets;
 * - several labels: the label-set facets, or the matching cells' rows when other filters narrow them;
 * - a date range: whole days (and hours) from the day and hour facets, the partial ones at its
 *   ends through an index; with labels too, the rows of the matching cells in the range;
 * - a search: its matches, up to SEARCH_COUNT_CAP of them (see searchCount).
 */
export function countConversations(db: Database, filters: Filters = {}, openExactMax = OPEN_EXACT_MAX): TabCounts {
  const f = resolveFilters(db, filters)
  if (f.fts !== null) return searchCount(db, f, openExactMax)
  return toTabCounts(countRows(db, f))
}

/**
 * Past this many matches, a search's All count says "at least": counting every match would read
 * every matching row (300,000 of a million for a common word).
 */
export const SEARCH_COUNT_CAP = 2000

/** Up to this many open conversations, a search with many matches still counts In Queue and Handled exactly. */
export const OPEN_EXACT_MAX = 20_000

/**
 * Few matches are counted exactly, probed by id. Past the cap, All is a lower bound (the newest
 * matches that pass the other filters, or the open tabs if more), while In Queue and Handled stay exact: they are the supervisor's working tabs, and
 * counting them reads only their own (open, so usually few) rows against the match set. When even
 * those are very many, all three are lower bounds counted over the newest matches, where open
 * conversations are.
 */
function searchCount(db: Database, f: ResolvedFilters, openExactMax: number): TabCounts {
  // Newest first: when they are all that is counted, they are where the open conversations are.
  const ids = stmt(db, `${FTS_MATCH} ORDER BY rowid DESC LIMIT ${SEARCH_COUNT_CAP}`).pluck().all(f.fts) as number[]
  if (ids.length < SEARCH_COUNT_CAP) return toTabCounts(run(db, searchCountSql(f, ids)))
  if (statusTotal(db, ['in_queue', 'handled']) <= openExactMax) {
    // The newest matches under the other filters, or the open tabs, whichever shows more: both are
    // rows All holds. The cap itself is no bound once other filters leave out matches.
    const newest = toTabCounts(run(db, searchCountSql(f, ids)))
    const open = toTabCounts(run(db, openSearchCountSql(f)))
    return { all: Math.max(newest.all, open.all), in_queue: open.in_queue, handled: open.handled, atLeast: ['all'] }
  }
  return { ...toTabCounts(run(db, searchCountSql(f, ids))), atLeast: ['all', 'in_queue', 'handled'] }
}

/** In Queue and Handled under a search with many matches: their rows (through a status-led index) checked against the match set. */
export function openSearchCountSql(f: ResolvedFilters): { sql: string; params: unknown[] } {
  const search = f.fts === null ? null : frag(`c.id IN (${FTS_MATCH})`, openSearch(f.fts))
  const where = whereClause([frag("c.status IN ('in_queue', 'handled')"), search, ...filterConditions(f)])
  return {
    sql: `SELECT c.status AS status, count(*) AS n FROM conversations c INDEXED BY conversations_cells_activity ${where.sql} GROUP BY c.status`,
    params: where.params,
  }
}

function toTabCounts(rows: readonly StatusCount[]): TabCounts {
  const counts: TabCounts = { all: 0, in_queue: 0, handled: 0 }
  for (const { status, n } of rows) {
    counts.all += n
    if (status === 'in_queue' || status === 'handled') counts[status] += n
  }
  return counts
}

function countRows(db: Database, f: ResolvedFilters): StatusCount[] {
  const labels = f.labelIds ?? []
  const dated = f.from !== undefined || f.to !== undefined
  if (!dated) {
    if (labels.length <= 1) return facetCount(db, f)
    if (!hasCategorical(f)) {
      const where = whereClause([labelSetCondition(labels, 'label_set')])
      return run(db, { sql: `SELECT status, sum(n) AS n FROM conversation_set_facets ${where.sql} GROUP BY status`, params: where.params })
    }
    return cellRowsCount(db, f, null, null)
  }
  if (labels.length > 0) return cellRowsCount(db, f, f.from ?? null, f.to ?? null)
  return rangeCount(db, f, f.from ?? Number.MIN_SAFE_INTEGER, f.to ?? Number.MAX_SAFE_INTEGER)
}

const run = (db: Database, q: SqlFragment): StatusCount[] => stmt(db, q.sql).all(...q.params) as StatusCount[]

/** Channel, type, agent and at most one label, from the per-cell facets. */
function facetCount(db: Database, f: ResolvedFilters): StatusCount[] {
  const { table, conditions } = facetSource(f)
  if (conditions.length === 0) return run(db, frag('SELECT status, n FROM conversation_counts'))
  const where = whereClause(conditions)
  return run(db, { sql: `SELECT status, sum(n) AS n FROM ${table} ${where.sql} GROUP BY status`, params: where.params })
}

/**
 * Counts the rows of the cells the channel, type and agent filters allow, in a created range,
 * checking labels inside the index (conversations_cells_created): a seek per cell plus the rows
 * in the range, so it is cheap when those filters or the range are narrow.
 */
function cellRowsCount(db: Database, f: ResolvedFilters, from: number | null, to: number | null): StatusCount[] {
  const lists = cellLists(cellsOf(db, TAB_STATUSES.all, { type: f.type, channels: f.channels, agentIds: f.agentIds }))
  const where = whereClause([
    ...cellConditions(lists),
    from === null ? null : frag('c.created_at >= ?', from),
    to === null ? null : frag('c.created_at < ?', to),
    labelSetCondition(f.labelIds),
  ])
  return run(db, { sql: `SELECT c.status AS status, count(*) AS n FROM conversations c INDEXED BY conversations_cells_created ${where.sql} GROUP BY c.status`, params: where.params })
}

/** Counts per status, added up. */
class Tally {
  private readonly n = new Map<string, number>()
  add(rows: readonly StatusCount[], sign = 1): this {
    for (const { status, n } of rows) this.n.set(status, (this.n.get(status) ?? 0) + sign * n)
    return this
  }
  rows(): StatusCount[] {
    return [...this.n].map(([status, n]) => ({ status, n }))
  }
}

/**
 * A created range without labels: whole UTC days from the day facets, the partial days at either
 * end counted on their own (from the smaller side: the part inside, or the whole day minus the parts outside).
 */
function rangeCount(db: Database, f: ResolvedFilters, from: number, to: number): StatusCount[] {
  const tally = new Tally()
  if (from >= to) return tally.rows()
  const firstWhole = Math.ceil(from / DAY_MS)
  const endWhole = Math.floor(to / DAY_MS)
  // No midnight inside: one partial day.
  if (firstWhole > endWhole) return tally.add(partOfDay(db, f, from, to)).rows()
  tally.add(dayFacets(db, f, frag('day >= ? AND day < ?', firstWhole, endWhole)))
  if (from < firstWhole * DAY_MS) tally.add(partOfDay(db, f, from, firstWhole * DAY_MS))
  if (to > endWhole * DAY_MS) tally.add(partOfDay(db, f, endWhole * DAY_MS, to))
  return tally.rows()
}

/** Whole days from the day facets, under the channel, type and agent filters. */
function dayFacets(db: Database, f: ResolvedFilters, days: SqlFragment): StatusCount[] {
  const where = whereClause([days, ...facetConditions(f)])
  return run(db, { sql: `SELECT status, sum(n) AS n FROM conversation_day_facets ${where.sql} GROUP BY status`, params: where.params })
}

/** [from, to) inside one UTC day. */
function partOfDay(db: Database, f: ResolvedFilters, from: number, to: number): StatusCount[] {
  const day = Math.floor(from / DAY_MS)
  const start = day * DAY_MS
  const end = start + DAY_MS
  if (to - from <= DAY_MS / 2) return partialCount(db, f, from, to)
  const tally = new Tally().add(dayFacets(db, f, frag('day = ?', day)))
  if (from > start) tally.add(partialCount(db, f, start, from), -1)
  if (to < end) tally.add(partialCount(db, f, to, end), -1)
  return tally.rows()
}

/** A range shorter than a day: whole hours from the hour facets when no other filter is set, else the cells' rows. */
function partialCount(db: Database, f: ResolvedFilters, from: number, to: number): StatusCount[] {
  if (hasCategorical(f)) return cellRowsCount(db, f, from, to)
  const firstWhole = Math.ceil(from / HOUR_MS)
  const endWhole = Math.floor(to / HOUR_MS)
  if (firstWhole >= endWhole) return createdCount(db, from, to)
  const tally = new Tally().add(run(db, frag('SELECT status, sum(n) AS n FROM conversation_hour_facets WHERE hour >= ? AND hour < ? GROUP BY status', firstWhole, endWhole)))
  if (from < firstWhole * HOUR_MS) tally.add(createdCount(db, from, firstWhole * HOUR_MS))
  if (to > endWhole * HOUR_MS) tally.add(createdCount(db, endWhole * HOUR_MS, to))
  return tally.rows()
}

const createdCount = (db: Database, from: number, to: number): StatusCount[] =>
  run(db, frag('SELECT c.status AS status, count(*) AS n FROM conversations c INDEXED BY conversations_all_created WHERE c.created_at >= ? AND c.created_at < ? GROUP BY c.status', from, to))

/** Counting a search's matched ids (its first SEARCH_COUNT_CAP), with the other filters checked on each row. */
export function searchCountSql(f: ResolvedFilters, ids: readonly number[]): { sql: string; params: unknown[] } {
  const where = whereClause(filterConditions(f))
  return {
    sql: `SELECT c.status AS status, count(*) AS n FROM json_each(?) m CROSS JOIN conversations c ON c.id = m.value ${where.sql} GROUP BY c.status`,
    params: [JSON.stringify(ids), ...where.params],
  }
}
