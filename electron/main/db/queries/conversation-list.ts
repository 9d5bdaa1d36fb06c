import type { Database } from 'better-sqlite3'
import { searchTerms, type Conversation } from '../../../../shared/domain'
import type { Filters, Tab } from '../../../../shared/ipc'
import type { Sort } from '../../../../shared/ipc/conversation-sort'
import { CONVERSATION_FIELDS, conversationFromRow, type ConversationFields } from '../rows'
import { FTS_MATCH, filterConditions, tabSearch, labelSetCondition, resolveFilters, listOrder, tabCondition, whereClause, type ResolvedFilters } from './conversation-filters'
import { TAB_STATUSES, cellConditions, chooseListPlan, statusTotal, type ListPlan } from './conversation-plan'
import { SORT_ALL_MAX, searchPage, type Probing, type WalkedRow } from './search-window'
import { leadPage, type NameRange } from './name-lead'
import { frag, inList, stmt, type SqlFragment } from './statements'

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
  /** Only names in this range of the name order (the walk of a clustered name search, see name-lead.ts). */
  names?: NameRange
}

export interface ListResult {
  rows: Conversation[]
  /** Keyset of the last row when more rows follow, else null. */
  next: Keyset | null
}

/** What a page shows, and the sort key its keyset resumes from. */
const PAGE_COLUMNS = `${CONVERSATION_FIELDS}, page.k AS sort_key`

export function listConversations(db: Database, args: ListArgs): ListResult {
  const asOf = args.after?.asOf ?? (stmt(db, 'SELECT rev FROM sync_state WHERE id = 1').pluck().get() as number)
  const { sql, params } = listConversationsSql(args, db)
  const raw = stmt(db, sql).all(...params) as (ConversationFields & { sort_key: number | string })[]
  const page = raw.slice(0, args.limit)
  const last = page.at(-1)
  return {
    rows: page.map(conversationFromRow),
    next: raw.length > args.limit && last ? { key: last.sort_key, id: last.id, asOf } : null,
  }
}

export interface PageSql {
  /** The whole page: ids from `ids`, then their columns. */
  sql: string
  params: unknown[]
  /** The ids of the page, in order: the part whose plan matters. */
  ids: SqlFragment
  /**
   * How the ids are found: `fts` when sorted from a search's few matches, `window` when a search's
   * page was decided by a walk checked against its matches (see search-window.ts) and only re-read here,
   * `sorted` when a search's matches are all sorted inside the query, `lead` when a name search's
   * page came from the names that begin with the word and the few matches elsewhere (name-lead.ts).
   */
  plan: ListPlan | { kind: 'fts' } | { kind: 'window' } | { kind: 'sorted' } | { kind: 'lead' }
}

/**
 * The SQL of one page (exported so tests can EXPLAIN QUERY PLAN exactly what runs). `plan` forces
 * a plan, for tests that check every plan returns the same rows; `window` has a search's page
 * decided by a walk however many or few its matches, `lead` a name search's from the names that
 * begin with the word (when it is one word).
 */
export function listConversationsSql(args: ListArgs, db: Database, plan?: ListPlan | { kind: 'window' } | { kind: 'lead' }): PageSql {
  const filters = resolveFilters(db, args.filters)
  const order = listOrder(args.tab, args.sort)
  const col = `c.${order.column}`
  const cmp = order.direction === 'asc' ? '>' : '<'
  const keyset = args.after
    ? [frag(`(${col}, c.id) ${cmp} (?, ?)`, args.after.key, args.after.id), frag('c.rev <= ?', args.after.asOf)]
    : []
  let from: string
  let conditions: (SqlFragment | null)[]
  let chosen: PageSql['plan']
  let fromParams: unknown[] = []
  const everyTab = filters.fts
  const search = everyTab === null ? null : tabSearch(everyTab, args.tab)
  const byName = order.column === 'customer_sort'
  const walkAlways = plan?.kind === 'window'
  const leadAlways = plan?.kind === 'lead'
  const words = searchTerms(args.filters.search ?? '')
  // One word is one range of names; the plan is for the name order only.
  const term = search !== null && byName && (!plan || leadAlways) && words.length === 1 ? words[0]! : null
  const lead =
    everyTab !== null && term !== null
      ? (total: number, sample: readonly number[]) =>
          leadPage(db, {
            fts: everyTab,
            term,
            total,
            sample,
            limit: args.limit + 1,
            descending: order.direction === 'desc',
            after: args.after === null ? null : String(args.after.key),
            walk: (n, names) => walkWithoutSearch(db, { ...args, names }, n),
            words: filters.words ?? null,
            always: leadAlways,
          })
      : undefined
  const found =
    search !== null && (!plan || walkAlways || leadAlways)
      ? searchPage(db, search, (n) => walkWithoutSearch(db, args, n), !byName, args.limit + 1, walkAlways || leadAlways, lead, byName ? probing(db, args.tab, filters) : undefined)
      : null
  // Plans that start from ids (matches, or the page's own) check each row for the tab and filters.
  const probed = (): (SqlFragment | null)[] => [tabCondition(args.tab), ...filterConditions(filters)]
  if (found && found.kind !== 'many') {
    // Few matches, or the page's own ids: start from them (CROSS JOIN: probe each by id, never
    // walk a tab to look them up) and sort.
    chosen = { kind: found.kind === 'few' ? 'fts' : found.kind }
    from = 'json_each(?) m CROSS JOIN conversations c ON c.id = m.value'
    conditions = probed()
    fromParams = [JSON.stringify(found.ids)]
  } else if (found && byName && found.total <= SORT_ALL_MAX) {
    // A name search sorted by name would walk every name before its own: sort the matches instead.
    chosen = { kind: 'sorted' }
    from = `(${FTS_MATCH}) m CROSS JOIN conversations c ON c.id = m.rowid`
    conditions = probed()
    fromParams = [search]
  } else {
    chosen = plan && plan.kind !== 'window' && plan.kind !== 'lead' ? plan : filters.fts === null ? chooseListPlan(db, args.tab, order, filters, args.limit + 1) : { kind: 'tab' }
    ;({ from, conditions } = planConditions(chosen, args.tab, order.index, { ...filters, fts: search }))
  }
  if (args.names) conditions.push(frag('c.customer_sort >= ? AND c.customer_sort < ?', args.names.from, args.names.below))
  conditions.push(...keyset)
  const where = whereClause(conditions)
  const dir = order.direction.toUpperCase()
  const ids = { sql: `SELECT c.id, ${col} AS k FROM ${from} ${where.sql} ORDER BY ${col} ${dir}, c.id ${dir} LIMIT ?`, params: [...fromParams, ...where.params, args.limit + 1] }
  // The ids come from a query on conversations alone: SQLite leaves a cell early (its ORDER BY …
  // LIMIT handling of IN operators) only while that table is the innermost loop, which a join
  // would take away. CROSS JOIN then keeps the page as the outer loop: left to itself the planner
  // would walk the table in order and probe the page.
  return {
    sql: `SELECT ${PAGE_COLUMNS} FROM (${ids.sql}) page CROSS JOIN conversations c ON c.id = page.id
      LEFT JOIN customers cu ON cu.id = c.customer_id ORDER BY page.k ${dir}, page.id ${dir}`,
    params: ids.params,
    ids,
    plan: chosen,
  }
}

/** Searching single ids for a walk in the name order: the search's words, and the sizes that say when it pays. */
function probing(db: Database, tab: Tab, filters: ResolvedFilters): Probing {
  return {
    words: filters.words ?? null,
    tabRows: statusTotal(db, TAB_STATUSES[tab]),
    allRows: statusTotal(db, TAB_STATUSES.all),
  }
}

/** The first rows of the list as if nothing were searched: what a search window checks. */
function walkWithoutSearch(db: Database, args: ListArgs, rows: number): WalkedRow[] {
  const { search: _search, ...filters } = args.filters
  const { ids } = listConversationsSql({ ...args, filters, limit: rows - 1 }, db)
  return stmt(db, ids.sql).all(...ids.params) as WalkedRow[]
}

/** Where a plan reads from, and the conditions that stand for the tab and the filters there. */
function planConditions(plan: ListPlan, tab: Tab, tabIndex: string, filters: ResolvedFilters): { from: string; conditions: (SqlFragment | null)[] } {
  const { agentIds, labelIds, fts, ...rest } = filters
  // The unary + keeps the id from serving as an index term: with names repeating, SQLite would
  // otherwise skip-scan the name index once per distinct name for every match (seconds at 1M).
  const search = fts !== null ? frag(`+c.id IN (${FTS_MATCH})`, fts) : null
  switch (plan.kind) {
    case 'cells':
      // The cells stand for the tab and the channel, type and agent filters; labels are checked inside the index.
      return {
        from: `conversations c INDEXED BY ${plan.index}`,
        conditions: [
          ...cellConditions(plan),
          ...filterConditions({ from: rest.from, to: rest.to, fts: null }),
          labelSetCondition(labelIds),
          search,
        ],
      }
    case 'days':
      return {
        from: 'conversations c INDEXED BY conversations_days_activity',
        conditions: [
          inList('c.status', plan.statuses),
          inList('c.created_day', plan.days),
          ...filterConditions({ ...rest, fts: null }),
          agentIds?.length ? inList('c.agent_key', agentIds) : null,
          labelSetCondition(labelIds),
          search,
        ],
      }
    case 'tab':
      // Walk the tab's own index in order; every filter but labels and search is a column of it.
      return { from: `conversations c INDEXED BY ${tabIndex}`, conditions: [tabCondition(tab), ...filterConditions(filters), search] }
  }
}
