import type { Database } from 'better-sqlite3'
import type { Filters, TabCounts } from '../../../../shared/ipc'
import { FTS_MATCH, filterConditions, resolveFilters, whereClause, type ResolvedFilters } from './conversation-filters'
import { frag, placeholders, stmt, type SqlFragment } from './statements'

interface StatusCount {
  status: string
  n: number
}

/**
 * The three tab counts under the filters. Type, channel, agent and one label are answered from
 * the trigger-kept facet tables (a few hundred rows at most); a date range, several labels or a
 * search count the matching rows through an index.
 */
export function countConversations(db: Database, filters: Filters = {}): TabCounts {
  return toTabCounts(countRows(db, resolveFilters(db, filters)))
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
  const exact = f.fts !== null || f.from !== undefined || f.to !== undefined || labels.length > 1
  if (!exact) {
    const facetFilters = facetConditions(f)
    if (labels.length === 0 && facetFilters.length === 0) {
      return stmt(db, 'SELECT status, n FROM conversation_counts').all() as StatusCount[]
    }
    const parts = labels.length === 1 ? [frag('label_id = ?', labels[0]), ...facetFilters] : facetFilters
    const where = whereClause(parts)
    const table = labels.length === 1 ? 'conversation_label_facets' : 'conversation_facets'
    return stmt(db, `SELECT status, sum(n) AS n FROM ${table} ${where.sql} GROUP BY status`).all(...where.params) as StatusCount[]
  }
  const { sql, params } = exactCountSql(f)
  return stmt(db, sql).all(...params) as StatusCount[]
}

function facetConditions(f: ResolvedFilters): SqlFragment[] {
  const out: SqlFragment[] = []
  if (f.type) out.push(frag('type = ?', f.type))
  if (f.channels?.length) out.push(frag(`channel IN (${placeholders(f.channels.length)})`, ...f.channels))
  if (f.agentIds?.length) out.push(frag(`agent IN (${placeholders(f.agentIds.length)})`, ...f.agentIds))
  return out
}

/** Counting rows: from the search matches when there is a search, else through the created-at index or the table. */
export function exactCountSql(f: ResolvedFilters): { sql: string; params: unknown[] } {
  const conditions = filterConditions(f)
  if (f.fts !== null) {
    const where = whereClause([frag(`c.id IN (${FTS_MATCH})`, f.fts), ...conditions])
    return { sql: `SELECT c.status AS status, count(*) AS n FROM conversations c ${where.sql} GROUP BY c.status`, params: where.params }
  }
  const where = whereClause(conditions)
  const index = f.from !== undefined || f.to !== undefined ? 'INDEXED BY conversations_created' : ''
  return { sql: `SELECT c.status AS status, count(*) AS n FROM conversations c ${index} ${where.sql} GROUP BY c.status`, params: where.params }
}
