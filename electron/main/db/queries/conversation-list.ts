import type { Database } from 'better-sqlite3'
import type { Conversation } from '../../../../shared/domain'
import type { Filters, Tab } from '../../../../shared/ipc'
import type { Sort } from '../../../../shared/ipc/conversation-sort'
import { conversationFromRow, type ConversationRow } from '../rows'
import { FTS_MATCH, filterConditions, resolveFilters, listOrder, tabCondition, whereClause, type ResolvedFilters } from './conversation-filters'
import { frag, stmt, type SqlFragment } from './statements'

/** The sort key of a row in the list's order, plus its id: enough to resume right after it. */
export interface Keyset {
  /** A time for every order but the customer name's, which is text. */
  key: number | string
  id: number
  /**
   * The local change counter when the first page was read. Later pages leave out rows written
   * since: a row that moved would otherwise be shown twice or skipped. Those rows are announced
   * by cache:changed, which the list refreshes from anyway.
   */
  asOf: number
}

export interface ListArgs {
  tab: Tab
  /** One of the tab's orders; the tab's default when absent. */
  sort?: Sort
  filters: Filters
  /** Where the previous page of the same tab and sort ended. */
  after: Keyset | null
  limit: number
}

export interface ListResult {
  rows: Conversation[]
  /** Keyset of the last row when more rows follow, else null. */
  next: Keyset | null
}

/**
 * Under this many FTS matches, the page is read from the matches and sorted; above it, the tab
 * index is walked in order and each row checked against the match set.
 */
const FTS_DRIVE_MAX = 4000

const PAGE_COLUMNS = `c.*, COALESCE(cu.name, '') AS customer_name, COALESCE(cu.handle, '') AS customer_handle,
    (SELECT group_concat(cl.label_id) FROM conversation_labels cl WHERE cl.conversation_id = c.id) AS label_ids`

export function listConversations(db: Database, args: ListArgs): ListResult {
  const asOf = args.after?.asOf ?? (stmt(db, 'SELECT rev FROM sync_state WHERE id = 1').pluck().get() as number)
  const { sql, params } = listConversationsSql(args, db)
  const raw = stmt(db, sql).all(...params) as ConversationRow[]
  const page = raw.slice(0, args.limit)
  const last = page.at(-1)
  const { column } = listOrder(args.tab, args.sort)
  return {
    rows: page.map(conversationFromRow),
    next: raw.length > args.limit && last ? { key: last[column], id: last.id, asOf } : null,
  }
}

/** Whether a search matches few enough rows to sort them all (counted up to the bound, no further). */
function ftsIsSmall(db: Database, fts: string): boolean {
  const n = stmt(db, `SELECT count(*) FROM (${FTS_MATCH} LIMIT ${FTS_DRIVE_MAX})`).pluck().get(fts) as number
  return n < FTS_DRIVE_MAX
}

/** The SQL of one page (exported so tests can EXPLAIN QUERY PLAN exactly what runs). */
export function listConversationsSql(args: ListArgs, db?: Database, resolved?: ResolvedFilters): { sql: string; params: unknown[] } {
  const filters = resolved ?? (db ? resolveFilters(db, args.filters) : { ...args.filters, fts: null })
  const order = listOrder(args.tab, args.sort)
  const col = `c.${order.column}`
  const cmp = order.direction === 'asc' ? '>' : '<'
  const keyset = args.after
    ? [frag(`(${col}, c.id) ${cmp} (?, ?)`, args.after.key, args.after.id), frag('c.rev <= ?', args.after.asOf)]
    : []
  const dir = order.direction.toUpperCase()
  const conditions: SqlFragment[] = [...filterConditions(filters), ...keyset]
  const tab = tabCondition(args.tab)
  let from: string
  if (filters.fts !== null && db && ftsIsSmall(db, filters.fts)) {
    // Few matches: start from them and sort.
    from = `conversation_search s JOIN conversations c ON c.id = s.rowid`
    conditions.unshift(frag('conversation_search MATCH ?', filters.fts))
  } else {
    // Walk the tab's own index in order; every filter but labels and search is a column of it.
    from = `conversations c INDEXED BY ${order.index}`
    if (filters.fts !== null) conditions.push(frag(`c.id IN (${FTS_MATCH})`, filters.fts))
  }
  const where = whereClause([tab, ...conditions])
  return {
    sql: `SELECT ${PAGE_COLUMNS} FROM ${from} LEFT JOIN customers cu ON cu.id = c.customer_id ${where.sql}
      ORDER BY ${col} ${dir}, c.id ${dir} LIMIT ?`,
    params: [...where.params, args.limit + 1],
  }
}
