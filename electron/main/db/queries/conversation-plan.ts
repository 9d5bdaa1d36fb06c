import type { Database } from 'better-sqlite3'
import { ConversationStatus } from '../../../../shared/domain'
import type { Tab } from '../../../../shared/ipc'
import { facetSource, hasCategorical, whereClause, type ListOrder, type ResolvedFilters } from './conversation-filters'
import { frag, inList, stmt, type SqlFragment } from './statements'

/**
 * How one page of a tab is read. Three ways, each best for some filters:
 *
 * - `tab`: walk the tab's own index in the list's order and keep the rows that pass. Cheapest
 *   when the filters keep many rows: the page fills after a few hundred index entries.
 * - `cells`: one seek per (status, channel, type, last agent) cell the filters allow, each cell
 *   in the list's order (migration 0090). SQLite keeps the best LIMIT rows and leaves a cell once
 *   its next row cannot make the page, so the cost is about the number of cells, whatever the
 *   rest of the tab holds. Best when those filters are selective.
 * - `days`: for a date range in the activity order, one seek per (status, day created). Rows
 *   created in the range sit together there, whereas in the activity index they are spread
 *   between everything updated since.
 *
 * The choice is made from the trigger-kept facet counts (exact for status, channel, type and last
 * agent, and one label), so it costs a few hundred small rows read, not a count of the table.
 */
export type ListPlan =
  | { kind: 'tab' }
  | ({ kind: 'cells'; index: string } & CellLists)
  | { kind: 'days'; statuses: string[]; days: number[] }

export const DAY_MS = 86_400_000
/** Beyond this many seeks a plan costs more than a walk would on any realistic tab. */
const MAX_SEEKS = 600
/** Index entries a page of 50 reads in the best case (the page plus the row after it). */
const PAGE = 51
/**
 * What a row read from the cells costs beyond an index entry walked in order: SQLite keeps the
 * best rows of every cell in a sorter. Measured at a million rows, about 1.5 µs against 0.12 µs.
 * Small for a page, it decides the long walks a search window asks for (16,000 rows).
 */
const SORTED_ROW_EXTRA = 11

const CELL_INDEX: Partial<Record<ListOrder['column'], string>> = {
  updated_at: 'conversations_cells_activity',
  created_at: 'conversations_cells_created',
  customer_sort: 'conversations_cells_customer',
}

export const TAB_STATUSES: Record<Tab, readonly string[]> = {
  all: ConversationStatus.options,
  in_queue: ['in_queue'],
  handled: ['handled'],
}

export interface Cell {
  status: string
  channel: string
  type: string
  agent: number
  n: number
}

/** The populated facet cells of these statuses under the channel, type and agent filters (and one label, when there is one). */
export function cellsOf(db: Database, statuses: readonly string[], f: Pick<ResolvedFilters, 'type' | 'channels' | 'agentIds' | 'labelIds'>): Cell[] {
  const { table, conditions } = facetSource(f)
  const where = whereClause([inList('status', statuses), ...conditions, frag('n > 0')])
  return stmt(db, `SELECT status, channel, type, agent, n FROM ${table} ${where.sql}`).all(...where.params) as Cell[]
}

/** How many conversations have these statuses, from the trigger-kept totals. */
export function statusTotal(db: Database, statuses: readonly string[]): number {
  const where = inList('status', statuses)
  return stmt(db, `SELECT COALESCE(sum(n), 0) FROM conversation_counts WHERE ${where.sql}`)
    .pluck()
    .get(...where.params) as number
}

/** The share of labelled rows a label filter of several labels keeps, at most (they may overlap). */
function labelShare(db: Database, labelIds: readonly number[], total: number): number {
  if (labelIds.length === 0 || total === 0) return 1
  const where = inList('label_id', labelIds)
  const n = stmt(db, `SELECT COALESCE(sum(n), 0) FROM conversation_label_facets WHERE ${where.sql}`)
    .pluck()
    .get(...where.params) as number
  return Math.min(1, n / total)
}

/** Days (UTC) the cache holds conversations from, first and last. */
function createdDays(db: Database): { first: number; last: number } | null {
  // Two subqueries: min() and max() together in one would read the whole table instead of two index ends.
  const row = stmt(db, 'SELECT (SELECT min(created_at) FROM conversations) AS first, (SELECT max(created_at) FROM conversations) AS last').get() as {
    first: number | null
    last: number | null
  }
  if (row.first === null || row.last === null) return null
  return { first: Math.floor(row.first / DAY_MS), last: Math.floor(row.last / DAY_MS) }
}

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)]

/** The conditions on `c` that select exactly the cells of these lists (the IN lists' product). */
export function cellConditions(lists: CellLists): SqlFragment[] {
  return [inList('c.status', lists.statuses), inList('c.channel', lists.channels), inList('c.type', lists.types), inList('c.agent_key', lists.agents)]
}

export interface CellLists {
  statuses: string[]
  channels: string[]
  types: string[]
  agents: number[]
}

/** The IN lists whose product covers these cells (and perhaps a few empty ones, which cost a seek each). */
export function cellLists(cells: readonly Cell[]): CellLists {
  return {
    statuses: distinct(cells.map((c) => c.status)),
    channels: distinct(cells.map((c) => c.channel)),
    types: distinct(cells.map((c) => c.type)),
    agents: distinct(cells.map((c) => c.agent)),
  }
}

/** The cheapest plan for the first `rows` rows of the list (a page and the row after it by default). */
export function chooseListPlan(db: Database, tab: Tab, order: ListOrder, f: ResolvedFilters, rows = PAGE): ListPlan {
  return listPlans(db, tab, order, f, rows).reduce((best, c) => (c.cost < best.cost ? c : best)).plan
}

/**
 * Every plan that can serve this page, with its estimated cost in index entries read. The tab
 * walk is always among them; tests run every one and expect the same rows.
 */
export function listPlans(db: Database, tab: Tab, order: ListOrder, f: ResolvedFilters, rows = PAGE): { plan: ListPlan; cost: number }[] {
  const categorical = hasCategorical(f)
  const dated = f.from !== undefined || f.to !== undefined
  const labels = f.labelIds ?? []
  // The queue is small; its own index is always cheap enough.
  if (tab === 'in_queue' || (!categorical && !dated && labels.length === 0)) return [{ plan: { kind: 'tab' }, cost: 0 }]

  const total = statusTotal(db, TAB_STATUSES[tab])
  const cells = cellsOf(db, TAB_STATUSES[tab], f)
  // Rows the categorical filters (and a single label) keep, exactly.
  const kept = cells.reduce((sum, c) => sum + c.n, 0)
  const share = labels.length > 1 ? labelShare(db, labels, total) : 1

  let dayShare = 1
  let days: number[] = []
  if (dated) {
    const span = createdDays(db)
    if (span) {
      const first = Math.max(span.first, f.from === undefined ? span.first : Math.floor(f.from / DAY_MS))
      const last = Math.min(span.last, f.to === undefined ? span.last : Math.floor((f.to - 1) / DAY_MS))
      days = first <= last ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : []
      dayShare = Math.max(1, days.length) / (span.last - span.first + 1)
    }
  }
  const matches = Math.max(1, kept * share * dayShare)

  const plans: { plan: ListPlan; cost: number }[] = [{ plan: { kind: 'tab' }, cost: Math.min(total, (rows * total) / matches) }]

  const index = CELL_INDEX[order.column]
  if (index && (categorical || labels.length === 1)) {
    // With one label the cells come from the label's facets, so they are the cells holding it.
    const plan: ListPlan = { kind: 'cells', index, ...cellLists(cells) }
    const seeks = plan.statuses.length * plan.channels.length * plan.types.length * plan.agents.length
    // A date range does not follow the activity order: rows updated after it come first in every cell.
    const walk = dated && order.column === 'updated_at' ? kept / 2 : Math.min(kept, (rows * kept) / matches)
    if (seeks <= MAX_SEEKS) plans.push({ plan, cost: seeks + walk + SORTED_ROW_EXTRA * Math.max(0, Math.min(walk, rows) - PAGE) })
  }

  if (dated && order.column === 'updated_at') {
    const statuses = TAB_STATUSES[tab]
    const seeks = statuses.length * days.length
    // Inside a day, rows pass the other filters as often as anywhere.
    const walk = Math.min(total * dayShare, (rows * total * dayShare) / matches)
    if (seeks <= MAX_SEEKS) plans.push({ plan: { kind: 'days', statuses: [...statuses], days }, cost: seeks + walk })
  }
  return plans
}
