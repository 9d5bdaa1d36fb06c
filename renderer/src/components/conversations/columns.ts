import type { Tab } from '@shared/ipc/contract'
import { sortAllowed, sortDirection, sortField, type Sort, type SortField } from '@shared/ipc/conversation-sort'

export type ColumnKey = 'customer' | 'channel' | 'type' | 'status' | 'labels' | 'agent' | 'waiting' | 'started' | 'lastActivity'

/** Which columns each tab shows: a status column only where statuses mix, a waiting clock in the queue. */
export const COLUMNS_BY_TAB: Record<Tab, readonly ColumnKey[]> = {
  all: ['customer', 'channel', 'type', 'status', 'labels', 'agent', 'started', 'lastActivity'],
  in_queue: ['customer', 'channel', 'type', 'labels', 'agent', 'waiting', 'lastActivity'],
  handled: ['customer', 'channel', 'type', 'labels', 'agent', 'started', 'lastActivity'],
}

/** Every row of a conversation list has the same height, so positions are arithmetic and a window is cheap. */
export const ROW_HEIGHT = 52

/**
 * The least each column needs (a channel's name beside its icon, a date with its time, a status
 * pill) and its share of the room left over; names, labels and agents take that room. The All
 * tab's columns add up to 934px at these minimums, so they fit the smallest window (960px) beside
 * a scroll bar; the agent and channel columns widen to the names they show, and the customer's
 * to a search's tag (ColumnNeeds below).
 */
const WIDTHS: Record<ColumnKey, { min: number; grow: number }> = {
  customer: { min: 146, grow: 1.8 },
  channel: { min: 108, grow: 1 },
  type: { min: 84, grow: 0 },
  status: { min: 100, grow: 0 },
  labels: { min: 104, grow: 1.5 },
  agent: { min: 120, grow: 1.3 },
  waiting: { min: 128, grow: 0 },
  started: { min: 128, grow: 0 },
  lastActivity: { min: 144, grow: 0 },
}

/**
 * What a column must have to show its content whole, measured from what it shows (padding
 * included); a column not named needs only its minimum.
 */
export type ColumnNeeds = Partial<Record<ColumnKey, number>>

/**
 * The most a need claims, about thirty letters of a name. An agent named by a 150-letter account
 * would otherwise push every other column out of the list; past this the name ends in an
 * ellipsis, its tooltip whole.
 */
export const MAX_NEED = 240

/**
 * A column's least width: its minimum, or what it needs when that is more. The agent's name says
 * who has the chat, so it is shown whole before the growing columns share the room left over
 * (the labels' empty room goes to it first), and in a narrow list the columns give way for it in
 * their usual order, Type and Started (which the detail panel also shows) first.
 */
const minWidth = (column: ColumnKey, needs: ColumnNeeds): number => Math.max(WIDTHS[column].min, Math.min(needs[column] ?? 0, MAX_NEED))

/** What the columns need to show their words on one line, and, where words may wrap (a channel's name), on two. */
export interface LayoutNeeds {
  oneLine: ColumnNeeds
  wrapped: ColumnNeeds
}

/**
 * The needs a list of this width lays its columns out by: every word on one line where all of the
 * tab's columns fit so; else on two lines where that keeps every column (the smallest window's
 * All tab keeps its Type column, "Komentar Facebook" on two lines); else on one line again, for
 * what is left once columns give way, which then has the room.
 */
export function needsFor(tab: Tab, width: number | null, needs: LayoutNeeds): ColumnNeeds {
  const all = COLUMNS_BY_TAB[tab]
  if (width === null || columnsWidth(all, needs.oneLine) <= width) return needs.oneLine
  const wrapped = { ...needs.oneLine, ...needs.wrapped }
  return columnsWidth(all, wrapped) <= width ? wrapped : needs.oneLine
}

/**
 * The columns a list too narrow for all of them lets go, first to last: what the detail panel
 * also shows, then what the row's other cells hint at or carry. None goes unsaid: the customer's
 * cell takes the type's arrow and the channel's icon, with their names for a screen reader, and
 * the start goes under the last activity (ConversationRow.vue). The name, the status, the agent (with the
 * queue's Assign) and the waiting clock always stay.
 */
const GIVE_WAY: readonly ColumnKey[] = ['type', 'started', 'channel', 'lastActivity', 'labels']

/** The room the columns need at the least. */
export const columnsWidth = (columns: readonly ColumnKey[], needs: ColumnNeeds = {}): number =>
  columns.reduce((sum, c) => sum + minWidth(c, needs), 0)

/**
 * The columns of a tab that fit `width` (the list's inner width; null while it is not known yet
 * shows them all). The column the list is sorted by stays whatever the width, so the order is
 * always in view. With the detail panel open in a small window, the queue keeps the name, labels,
 * agent and waiting clock rather than scrolling the clock out of sight.
 */
export function columnsFor(tab: Tab, width: number | null, sort?: Sort, needs: ColumnNeeds = {}): ColumnKey[] {
  let columns = [...COLUMNS_BY_TAB[tab]]
  if (width === null) return columns
  const sorted = sort === undefined ? null : sortField(sort)
  for (const key of GIVE_WAY) {
    if (columnsWidth(columns, needs) <= width) break
    if (COLUMN_SORT[key] !== undefined && COLUMN_SORT[key] === sorted) continue
    columns = columns.filter((c) => c !== key)
  }
  return columns
}

export function gridTemplate(columns: readonly ColumnKey[], needs: ColumnNeeds = {}): string {
  return columns
    .map((c) => {
      const min = minWidth(c, needs)
      const { grow } = WIDTHS[c]
      return grow === 0 ? `${min}px` : `minmax(${min}px, ${grow}fr)`
    })
    .join(' ')
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

/** The column a list in this order is sorted by. */
export function sortColumn(sort: Sort): ColumnKey {
  const field = sortField(sort)
  return (Object.keys(COLUMN_SORT) as ColumnKey[]).find((column) => COLUMN_SORT[column] === field)!
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
