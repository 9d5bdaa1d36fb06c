import type { Database } from '../../../electron/main/db/connection'
import { filterConditions, labelNames, listOrder, resolveFilters, tabCondition, whereClause } from '../../../electron/main/db/queries/conversation-filters'
import { ftsQuery } from '../../../electron/main/db/queries/search-index'
import type { Filters, Tab } from '../../../shared/ipc'
import type { Sort } from '../../../shared/ipc/conversation-sort'

/**
 * The slow, obvious answer search plans are held to: the table scanned, each row checked against
 * the tab, the filters and the plain search, sorted in the list's order.
 */
export function searchScanIds(on: Database, tab: Tab, sort: Sort, filters: Filters, limit = 100): number[] {
  const order = listOrder(tab, sort)
  const resolved = resolveFilters(on, filters)
  const where = whereClause([tabCondition(tab), ...filterConditions(resolved)])
  // The plain prefix search, not the cache's spelled-out form: the scan is what that form is held to.
  const fts = ftsQuery(filters.search ?? '', labelNames(on))
  const dir = order.direction.toUpperCase()
  return on
    .prepare(
      `SELECT c.id FROM conversations c NOT INDEXED ${where.sql} ${where.sql ? 'AND' : 'WHERE'}
       c.id IN (SELECT rowid FROM conversation_search WHERE conversation_search MATCH ?)
       ORDER BY c.${order.column} ${dir}, c.id ${dir} LIMIT ?`,
    )
    .pluck()
    .all(...where.params, fts, limit) as number[]
}
