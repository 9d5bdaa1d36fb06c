import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { listOrder, resolveFilters } from '../../../electron/main/db/queries/conversation-filters'
import { chooseListPlan, listPlans, type ListPlan } from '../../../electron/main/db/queries/conversation-plan'
import { listConversationsSql } from '../../../electron/main/db/queries/conversation-list'
import { leadRange } from '../../../electron/main/db/queries/name-lead'
import { countConversations, openSearchCountSql, searchCountSql } from '../../../electron/main/db/queries/conversation-counts'
import type { Filters, Tab } from '../../../shared/ipc'
import { TAB_SORTS, type Sort } from '../../../shared/ipc/conversation-sort'
import { fillCache } from '../../bench/generate'

let db: Database
beforeAll(() => {
  db = openDatabase(':memory:')
  // Enough rows that the planner's choices are the ones it makes at scale, and some FTS matches.
  fillCache(db, { count: 3000, now: 1_750_000_000_000 })
  db.exec('ANALYZE')
  // At a million rows each customer name sorts ~500 conversations (3,000 rows hold few repeats):
  // the statistics SQLite plans by at that scale, where a skip-scan over names starts to look cheap.
  const names = db.prepare("UPDATE sqlite_stat1 SET stat = ? WHERE idx = ?")
  names.run('1000000 527 1 1 1 1 1 1 1', 'conversations_all_customer')
  names.run('120458 64 1 1 1 1 1 1', 'conversations_handled_customer')
  db.exec('ANALYZE sqlite_schema')
})

const planOf = (sql: string, params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n')

/** A scan of the conversations table itself, as opposed to walking one of its indexes or probing by id. */
const scansTable = (plan: string): boolean => plan.split('\n').some((line) => /^SCAN (c|conversations)\b/.test(line) && !/USING (COVERING )?INDEX/.test(line))

const FILTERS: Record<string, Filters> = {
  none: {},
  type: { type: 'outbox' },
  channel: { channels: ['telegram'] },
  channels: { channels: ['email', 'instagram', 'livechat'] },
  label: { labelIds: [3] },
  labels: { labelIds: [1, 7] },
  agent: { agentIds: [5] },
  agents: { agentIds: [2, 3, 4] },
  from: { from: 1_749_000_000_000 },
  range: { from: 1_748_000_000_000, to: 1_749_000_000_000 },
  'type+channel': { type: 'inbox', channels: ['whatsapp'] },
  'channel+label+agent': { channels: ['whatsapp', 'email'], labelIds: [2], agentIds: [6] },
  'everything': { type: 'inbox', channels: ['whatsapp'], labelIds: [1, 2], agentIds: [3, 4], from: 1_748_000_000_000, to: 1_750_000_000_000 },
  'search name': { search: 'budi' },
  'search common': { search: 'kak' },
  'search+filters': { search: 'sant', channels: ['whatsapp'], type: 'inbox' },
  'search label': { search: 'refund' },
}
const TABS: Tab[] = ['all', 'in_queue', 'handled']
/** The index that must serve each tab's orders (the activity and waiting ones walk theirs both ways). */
const INDEX: Record<Tab, Partial<Record<Sort, string>>> = {
  all: {
    activity_desc: 'conversations_all',
    activity_asc: 'conversations_all',
    created_desc: 'conversations_all_created',
    created_asc: 'conversations_all_created',
    customer_asc: 'conversations_all_customer',
    customer_desc: 'conversations_all_customer',
  },
  handled: {
    activity_desc: 'conversations_handled',
    activity_asc: 'conversations_handled',
    created_desc: 'conversations_handled_created',
    created_asc: 'conversations_handled_created',
    customer_asc: 'conversations_handled_customer',
    customer_desc: 'conversations_handled_customer',
  },
  in_queue: { waiting_desc: 'conversations_queue', waiting_asc: 'conversations_queue' },
}

/** Every plan that can serve the page: the planner's candidates, or the search's own. */
function candidates(tab: Tab, sort: Sort, filters: Filters): (ListPlan | { kind: 'lead' } | undefined)[] {
  const resolved = resolveFilters(db, filters)
  // Searches choose between reading their matches and walking the tab themselves; the walk is
  // what one with many matches falls back to.
  if (resolved.fts !== null) return [undefined, { kind: 'tab' }, { kind: 'lead' }]
  return listPlans(db, tab, listOrder(tab, sort), resolved).map((c) => c.plan)
}

function indexOf(plan: ListPlan, tab: Tab, sort: Sort): { index: string; seek: RegExp | null } {
  switch (plan.kind) {
    case 'tab':
      return { index: INDEX[tab][sort]!, seek: null }
    case 'cells':
      return { index: plan.index, seek: /\(status=\? AND channel=\? AND type=\? AND agent_key=\?/ }
    case 'days':
      return { index: 'conversations_days_activity', seek: /\(status=\? AND created_day=\?/ }
  }
}

describe('query plans: every tab in every order with every filter shape', () => {
  for (const tab of TABS) {
    for (const sort of TAB_SORTS[tab]) {
      const key = sort.startsWith('customer') ? 'putri' : 1_749_500_000_000
      for (const [name, filters] of Object.entries(FILTERS)) {
        it(`${tab} × ${sort} × ${name}: first and next pages seek or walk an index of the order (or the FTS index), never the table`, () => {
          for (const plan of candidates(tab, sort, filters)) {
            for (const after of [null, { key, id: 1500, asOf: 1 }]) {
              const page = listConversationsSql({ tab, sort, filters, after, limit: 50 }, db, plan)
              const detail = planOf(page.ids.sql, page.ids.params)
              expect(scansTable(detail), detail).toBe(false)
              // A skip-scan seeks once per distinct value of the index's first column: at a million
              // rows, a walk in name order that seeks the search's ids took seconds.
              expect(detail).not.toContain('ANY(')
              // Few matches (or a page decided from the newest matches) are probed by id; many are matched inside the walk.
              if (page.plan.kind === 'fts' || page.plan.kind === 'window' || page.plan.kind === 'sorted' || page.plan.kind === 'lead') {
                expect(detail).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/)
                continue
              }
              if (filters.search) expect(/VIRTUAL TABLE INDEX \d+:M/.test(detail), detail).toBe(true)
              const { index, seek } = indexOf(page.plan, tab, sort)
              expect(new RegExp(`INDEX ${index}\\b`).test(detail), detail).toBe(true)
              // A walk is in order already; seeks into cells or days keep the best rows in a bounded sort.
              if (seek) expect(detail).toMatch(seek)
              else expect(detail).not.toContain('USE TEMP B-TREE')
            }
          }
        })
      }
    }
  }

  it('walks the names that begin with a word (a common first name searched) by seeking the name order, never the table', () => {
    for (const tab of TABS) {
      for (const sort of TAB_SORTS[tab].filter((s) => s.startsWith('customer'))) {
        for (const [name, filters] of Object.entries(FILTERS)) {
          if (filters.search) continue
          for (const after of [null, { key: 'muhammad b', id: 1500, asOf: 1 }]) {
            const page = listConversationsSql({ tab, sort, filters, after, limit: 50, names: leadRange('muh') }, db)
            const detail = planOf(page.ids.sql, page.ids.params)
            expect(scansTable(detail), `${tab} × ${sort} × ${name}\n${detail}`).toBe(false)
            expect(detail, `${tab} × ${sort} × ${name}`).toMatch(/customer_sort>\?/)
          }
        }
      }
    }
  })

  it('chooses the cells for selective filters, the days for a short range in the activity order, the tab walk otherwise', () => {
    const chosen = (tab: Tab, sort: Sort, filters: Filters): string => chooseListPlan(db, tab, listOrder(tab, sort), resolveFilters(db, filters)).kind
    expect(chosen('all', 'activity_desc', {})).toBe('tab')
    expect(chosen('all', 'activity_desc', { type: 'inbox' })).toBe('tab')
    expect(chosen('all', 'activity_desc', { type: 'outbox', channels: ['telegram'], agentIds: [9] })).toBe('cells')
    expect(chosen('handled', 'customer_asc', { channels: ['telegram'], agentIds: [9] })).toBe('cells')
    expect(chosen('all', 'activity_desc', { from: 1_750_000_000_000 - 3 * 86_400_000 })).toBe('days')
    expect(chosen('all', 'created_desc', { from: 1_750_000_000_000 - 3 * 86_400_000 })).toBe('tab')
    expect(chosen('in_queue', 'waiting_desc', { type: 'outbox', channels: ['telegram'], agentIds: [9] })).toBe('tab')
  })

  it('walks the tab for the long walk of a search window where a page would seek the cells: every row from the cells goes through a sort', () => {
    const broad = resolveFilters(db, { type: 'inbox', channels: ['whatsapp'] })
    const order = listOrder('all', 'activity_desc')
    expect(chooseListPlan(db, 'all', order, broad).kind).toBe('cells')
    expect(chooseListPlan(db, 'all', order, broad, 16_000).kind).toBe('tab')
    // Selective filters keep the cells however long the walk.
    expect(chooseListPlan(db, 'all', order, resolveFilters(db, { type: 'outbox', channels: ['telegram'], agentIds: [9] }), 16_000).kind).toBe('cells')
  })

  it('counts a search by probing its matches by id, never the table', () => {
    for (const filters of Object.values(FILTERS).filter((f) => f.search)) {
      const { sql, params } = searchCountSql(resolveFilters(db, filters), [1, 2, 3])
      const detail = planOf(sql, params)
      expect(scansTable(detail), detail).toBe(false)
      expect(detail).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/)
      const open = openSearchCountSql(resolveFilters(db, filters))
      const openDetail = planOf(open.sql, open.params)
      expect(scansTable(openDetail), openDetail).toBe(false)
      expect(openDetail).toMatch(/INDEX conversations_cells_activity \(status=\?/)
    }
  })
})

/**
 * Every statement `run` executes on `on`, with its parameters. Statements are prepared once per
 * connection (statements.ts), so `on` must be a connection that has not run them yet.
 */
function statementsRun(on: Database, run: () => void): { sql: string; params: unknown[] }[] {
  const seen: { sql: string; params: unknown[] }[] = []
  const prepare = on.prepare.bind(on)
  on.prepare = ((sql: string) => {
    const statement = prepare(sql)
    const watched: unknown = new Proxy(statement, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          if (key === 'all' || key === 'get' || key === 'iterate') seen.push({ sql, params: args })
          const out: unknown = value.apply(target, args)
          // pluck(), raw() and the like hand the statement back: keep watching it.
          return out === target ? watched : out
        }
      },
    })
    return watched
  }) as Database['prepare']
  try {
    run()
  } finally {
    on.prepare = prepare
  }
  return seen
}

/**
 * Any walk of the conversations table or of a whole index of it. A page may walk an index, as it
 * stops after its rows; a count reads every row it walks, so a whole index is as slow as the table.
 */
const walksConversations = (plan: string): boolean => plan.split('\n').some((line) => /^SCAN (c|conversations)\b/.test(line))

describe('count plans: every filter shape', () => {
  it('seek the conversations table through an index, never walk it or a whole index, and read the rest from the facet tables, for every statement a count runs', () => {
    const fresh = openDatabase(':memory:')
    const now = 1_750_000_000_000
    fillCache(fresh, { count: 3000, now })
    fresh.exec('ANALYZE')
    const day = 86_400_000
    const shapes: Filters[] = [
      ...Object.values(FILTERS).filter((f) => !f.search),
      // Ranges that cut days and hours, alone and with several labels (which the day facets do not hold).
      { from: now - 9.3 * day, to: now - 2.7 * day },
      { from: now - 3_000_000, to: now - 1_000_000 },
      { labelIds: [1, 2], channels: ['whatsapp'] },
      { labelIds: [2], from: now - 9.3 * day, to: now - 2.7 * day },
      { labelIds: [1, 2], agentIds: [3], from: now - 9.3 * day, to: now - 2.7 * day },
    ]
    let touched = 0
    for (const filters of shapes) {
      for (const { sql, params } of statementsRun(fresh, () => countConversations(fresh, filters))) {
        const detail = (fresh.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n')
        expect(walksConversations(detail), `${JSON.stringify(filters)}: ${sql}\n${detail}`).toBe(false)
        if (/\bconversations c\b/.test(sql)) touched++
      }
    }
    // The shapes the facets cannot answer alone did read rows, through an index.
    expect(touched).toBeGreaterThan(0)
    fresh.close()
  })
})
