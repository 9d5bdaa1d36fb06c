import type { Tab } from '@shared/ipc/contract'

export type ColumnKey = 'customer' | 'channel' | 'type' | 'status' | 'labels' | 'agent' | 'waiting' | 'lastActivity'

/** Which columns each tab shows: a status column only where statuses mix, a waiting clock in the queue. */
export const COLUMNS_BY_TAB: Record<Tab, readonly ColumnKey[]> = {
  all: ['customer', 'channel', 'type', 'status', 'labels', 'agent', 'lastActivity'],
  in_queue: ['customer', 'channel', 'type', 'labels', 'agent', 'waiting', 'lastActivity'],
  handled: ['customer', 'channel', 'type', 'labels', 'agent', 'lastActivity'],
}

const WIDTHS: Record<ColumnKey, string> = {
  customer: 'minmax(180px, 1.8fr)',
  channel: 'minmax(118px, 1fr)',
  type: '92px',
  status: '108px',
  labels: 'minmax(140px, 1.5fr)',
  agent: 'minmax(130px, 1.3fr)',
  waiting: '104px',
  lastActivity: '140px',
}

/** The columns of a tab; with the detail panel open (compact) the type column gives way, the panel shows it. */
export function columnsFor(tab: Tab, compact: boolean): ColumnKey[] {
  return COLUMNS_BY_TAB[tab].filter((c) => !(compact && c === 'type'))
}

export function gridTemplate(columns: readonly ColumnKey[]): string {
  return columns.map((c) => WIDTHS[c]).join(' ')
}

/** The order each tab is listed in (the core's default orders), for aria-sort on its header. */
export const SORTED_BY: Record<Tab, { column: ColumnKey; direction: 'ascending' | 'descending' }> = {
  all: { column: 'lastActivity', direction: 'descending' },
  handled: { column: 'lastActivity', direction: 'descending' },
  // Oldest queued first: the longest wait on top.
  in_queue: { column: 'waiting', direction: 'descending' },
}
