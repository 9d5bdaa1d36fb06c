import type { Tab } from '@shared/ipc/contract'
import { sortAllowed, sortDirection, sortField, type Sort, type SortField } from '@shared/ipc/conversation-sort'

export type ColumnKey = 'customer' | 'channel' | 'type' | 'status' | 'labels' | 'agent' | 'waiting' | 'started' | 'lastActivity'

/** Which columns each tab shows: a status column only where statuses mix, a waiting clock in the queue. */
export const COLUMNS_BY_TAB: Record<Tab, readonly ColumnKey[]> = {
  all: ['customer', 'channel', 'type', 'status', 'labels', 'agent', 'started', 'lastActivity'],
  in_queue: ['customer', 'channel', 'type', 'labels', 'agent', 'waiting', 'lastActivity'],
  handled: ['customer', 'channel', 'type', 'labels', 'agent', 'started', 'lastActivity'],
}

const WIDTHS: Record<ColumnKey, string> = {
  customer: 'minmax(180px, 1.8fr)',
  channel: 'minmax(118px, 1fr)',
  type: '92px',
  status: '108px',
  labels: 'minmax(140px, 1.5fr)',
  agent: 'minmax(130px, 1.3fr)',
  waiting: '104px',
  started: '140px',
  lastActivity: '140px',
}

/**
 * The columns of a tab; with the detail panel open (compact) the type and start columns give way
 * (the panel shows both), unless the list is sorted by the start, which then stays in view.
 */
export function columnsFor(tab: Tab, compact: boolean, sort?: Sort): ColumnKey[] {
  const keepStarted = sort !== undefined && sortField(sort) === 'created'
  return COLUMNS_BY_TAB[tab].filter((c) => !(compact && (c === 'type' || (c === 'started' && !keepStarted))))
}

export function gridTemplate(columns: readonly ColumnKey[]): string {
  return columns.map((c) => WIDTHS[c]).join(' ')
}

/** The sort field behind each sortable column. */
const COLUMN_SORT: Partial<Record<ColumnKey, SortField>> = {
  customer: 'customer',
  waiting: 'waiting',
  started: 'created',
  lastActivity: 'activity',
}

/** A column's first order when picked: names A–Z, times newest (or the longest wait) first. */
const FIRST_ORDER: Record<SortField, Sort> = {
  customer: 'customer_asc',
  waiting: 'waiting_desc',
  created: 'created_desc',
  activity: 'activity_desc',
}

/** Whether the tab can be ordered by this column. */
export function sortableColumn(tab: Tab, column: ColumnKey): boolean {
  const field = COLUMN_SORT[column]
  return field !== undefined && sortAllowed(tab, FIRST_ORDER[field])
}

export type AriaSort = 'ascending' | 'descending' | 'none'

/** aria-sort of a column's header under the list's order; undefined for a column that cannot sort. */
export function ariaSort(tab: Tab, column: ColumnKey, sort: Sort): AriaSort | undefined {
  if (!sortableColumn(tab, column)) return undefined
  if (COLUMN_SORT[column] !== sortField(sort)) return 'none'
  // The names say the direction of what the column shows: waiting_desc is the longest wait on top.
  return sortDirection(sort) === 'asc' ? 'ascending' : 'descending'
}

/** The order a click on a column's header asks for: the other way round if it is the current one. */
export function nextSort(column: ColumnKey, sort: Sort): Sort {
  const field = COLUMN_SORT[column]
  if (!field) return sort
  if (field !== sortField(sort)) return FIRST_ORDER[field]
  return `${field}_${sortDirection(sort) === 'asc' ? 'desc' : 'asc'}` as Sort
}
