import type { Database } from 'better-sqlite3'
import type { Filters, Tab } from '../../../../shared/ipc'
import { DEFAULT_SORT, sortAllowed, sortDirection, sortField, type Sort, type SortField } from '../../../../shared/ipc/conversation-sort'
import { STATUS_TOKENS, cacheSearch, type SearchWord } from './search-index'
import { frag, inList, joinFragments, placeholders, stmt, type SqlFragment } from './statements'

/** Filters with the search turned into an FTS5 query (null: no search, or nothing searchable in it). */
export interface ResolvedFilters extends Omit<Filters, 'search'> {
  fts: string | null
  /** The search's words for single-id searches (search-index.ts), null when it has none cheap. */
  words?: SearchWord[] | null
}

/** Label names take part in search, so the search needs the label list; everything else passes through. */
export function resolveFilters(db: Database, filters: Filters): ResolvedFilters {
  const { search, ...rest } = filters
  const found = search?.trim() ? cacheSearch(db, search, labelNames(db)) : null
  return { ...rest, fts: found?.fts ?? null, words: found?.words ?? null }
}

/** Every label's id and name: a search matches the labels whose name has a word it begins. */
export const labelNames = (db: Database): { id: number; name: string }[] => stmt(db, 'SELECT id, name FROM labels').all() as { id: number; name: string }[]

export const FTS_MATCH = 'SELECT rowid FROM conversation_search WHERE conversation_search MATCH ?'

/** The search narrowed to open conversations, inside the index. */
export const openSearch = (fts: string): string => `(${fts}) AND labels : (${STATUS_TOKENS.in_queue} OR ${STATUS_TOKENS.handled})`

/** The search as a tab reads it: In Queue and Handled read only their own conversations' matches. */
export const tabSearch = (fts: string, tab: Tab): string => (tab === 'all' ? fts : `(${fts}) AND labels : ${STATUS_TOKENS[tab]}`)

/**
 * The WHERE conditions of a filter set, on `c` (conversations), without the search (callers join
 * the FTS index themselves, as driver or as a set). Everything is a column of the tab indexes
 * except labels, which probe the label primary key per row.
 */
export function filterConditions(filters: ResolvedFilters): SqlFragment[] {
  const out: SqlFragment[] = []
  if (filters.type) out.push(frag('c.type = ?', filters.type))
  if (filters.channels?.length) out.push(inList('c.channel', filters.channels))
  if (filters.labelIds?.length) {
    out.push(
      frag(
        `EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.label_id IN (${placeholders(filters.labelIds.length)}) AND cl.conversation_id = c.id)`,
        ...filters.labelIds,
      ),
    )
  }
  // "Last handling agent": lastAgentId is the current handler while handled and stays after.
  if (filters.agentIds?.length) out.push(inList('c.last_agent_id', filters.agentIds))
  if (filters.from !== undefined) out.push(frag('c.created_at >= ?', filters.from))
  if (filters.to !== undefined) out.push(frag('c.created_at < ?', filters.to))
  return out
}

/**
 * The label filter read from the row's own label_set, for plans that must not bring a second
 * table into their loop (see migration 0090).
 */
export function labelSetCondition(labelIds: readonly number[] | undefined, column = 'c.label_set'): SqlFragment | null {
  if (!labelIds?.length) return null
  return frag(`(${labelIds.map(() => `instr(${column}, ?) > 0`).join(' OR ')})`, ...labelIds.map((id) => `,${id},`))
}

/** Whether any of the filters the facet tables have a column for (type, channel, last agent) is set. */
export const hasCategorical = (f: Pick<ResolvedFilters, 'type' | 'channels' | 'agentIds'>): boolean =>
  Boolean(f.type || f.channels?.length || f.agentIds?.length)

/**
 * The facet table that answers the channel, type and agent filters, with the conditions on it:
 * the per-label one when exactly one label is filtered, else the per-cell one (labels ignored).
 */
export function facetSource(f: Pick<ResolvedFilters, 'type' | 'channels' | 'agentIds' | 'labelIds'>): { table: string; conditions: SqlFragment[] } {
  if (f.labelIds?.length === 1) return { table: 'conversation_label_facets', conditions: [frag('label_id = ?', f.labelIds[0]), ...facetConditions(f)] }
  return { table: 'conversation_facets', conditions: facetConditions(f) }
}

/** Those filters on a facet table's own columns (type, channel, agent). */
export function facetConditions(f: Pick<ResolvedFilters, 'type' | 'channels' | 'agentIds'>): SqlFragment[] {
  const out: SqlFragment[] = []
  if (f.type) out.push(frag('type = ?', f.type))
  if (f.channels?.length) out.push(inList('channel', f.channels))
  if (f.agentIds?.length) out.push(inList('agent', f.agentIds))
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

/** The column each sort field orders by (ids break ties, in the same direction). */
const SORT_COLUMN = {
  activity: 'updated_at',
  created: 'created_at',
  customer: 'customer_sort',
  waiting: 'wait_since',
} as const satisfies Record<SortField, string>

/**
 * The index that yields each tab's orders without a sort step: walked forwards for one direction,
 * backwards for the other. Waiting is kept by the queue's index, whose key is the time queued: the
 * longest wait is the oldest time.
 */
const SORT_INDEX: { [T in Tab]: { [F in SortField]?: string } } = {
  all: { activity: 'conversations_all', created: 'conversations_all_created', customer: 'conversations_all_customer' },
  handled: { activity: 'conversations_handled', created: 'conversations_handled_created', customer: 'conversations_handled_customer' },
  in_queue: { waiting: 'conversations_queue' },
}

export interface ListOrder {
  column: (typeof SORT_COLUMN)[SortField]
  direction: 'asc' | 'desc'
  index: string
}

/** How a tab is listed in one of its orders. */
export function listOrder(tab: Tab, sort: Sort = DEFAULT_SORT[tab]): ListOrder {
  const field = sortField(sort)
  const index = SORT_INDEX[tab][field]
  if (!sortAllowed(tab, sort) || !index) throw new Error(`the ${tab} tab has no ${sort} order`)
  // Waiting longest first is the earliest wait_since first.
  const direction = field === 'waiting' ? (sortDirection(sort) === 'desc' ? 'asc' : 'desc') : sortDirection(sort)
  return { column: SORT_COLUMN[field], direction, index }
}
