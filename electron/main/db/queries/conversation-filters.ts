import type { Database } from 'better-sqlite3'
import type { Filters, Tab } from '../../../../shared/ipc'
import { ftsQuery } from './search-index'
import { frag, joinFragments, placeholders, stmt, type SqlFragment } from './statements'

/** Filters with the search turned into an FTS5 query (null: no search, or nothing searchable in it). */
export interface ResolvedFilters extends Omit<Filters, 'search'> {
  fts: string | null
}

/** Label names take part in search, so the search needs the label list; everything else passes through. */
export function resolveFilters(db: Database, filters: Filters): ResolvedFilters {
  const { search, ...rest } = filters
  const labels = search?.trim() ? (stmt(db, 'SELECT id, name FROM labels').all() as { id: number; name: string }[]) : []
  return { ...rest, fts: search?.trim() ? ftsQuery(search, labels) : null }
}

export const FTS_MATCH = 'SELECT rowid FROM conversation_search WHERE conversation_search MATCH ?'

/**
 * The WHERE conditions of a filter set, on `c` (conversations), without the search (callers join
 * the FTS index themselves, as driver or as a set). Everything is a column of the tab indexes
 * except labels, which probe the label primary key per row.
 */
export function filterConditions(filters: ResolvedFilters): SqlFragment[] {
  const out: SqlFragment[] = []
  if (filters.type) out.push(frag('c.type = ?', filters.type))
  if (filters.channels?.length) {
    out.push(frag(`c.channel IN (${placeholders(filters.channels.length)})`, ...filters.channels))
  }
  if (filters.labelIds?.length) {
    out.push(
      frag(
        `EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.label_id IN (${placeholders(filters.labelIds.length)}) AND cl.conversation_id = c.id)`,
        ...filters.labelIds,
      ),
    )
  }
  // "Last handling agent": lastAgentId is the current handler while handled and stays after.
  if (filters.agentIds?.length) out.push(frag(`c.last_agent_id IN (${placeholders(filters.agentIds.length)})`, ...filters.agentIds))
  if (filters.from !== undefined) out.push(frag('c.created_at >= ?', filters.from))
  if (filters.to !== undefined) out.push(frag('c.created_at < ?', filters.to))
  return out
}

/** Statuses are spelled out (not bound) so the planner can use the partial tab indexes. */
export function tabCondition(tab: Tab): SqlFragment | null {
  return tab === 'all' ? null : frag(`c.status = '${tab === 'in_queue' ? 'in_queue' : 'handled'}'`)
}

export function whereClause(parts: readonly (SqlFragment | null)[]): SqlFragment {
  const present = parts.filter((p): p is SqlFragment => p !== null)
  if (present.length === 0) return frag('')
  const joined = joinFragments(present, ' AND ')
  return { sql: `WHERE ${joined.sql}`, params: joined.params }
}

/** How each tab sorts: In Queue oldest wait first, the others latest activity first; ids break ties. */
export const TAB_ORDER = {
  all: { column: 'updated_at', direction: 'desc', index: 'conversations_all' },
  handled: { column: 'updated_at', direction: 'desc', index: 'conversations_handled' },
  in_queue: { column: 'wait_since', direction: 'asc', index: 'conversations_queue' },
} as const satisfies Record<Tab, { column: string; direction: 'asc' | 'desc'; index: string }>
