import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { resolveFilters } from '../../../electron/main/db/queries/conversation-filters'
import { listConversationsSql } from '../../../electron/main/db/queries/conversation-list'
import { exactCountSql } from '../../../electron/main/db/queries/conversation-counts'
import type { Filters, Tab } from '../../../shared/ipc'
import { TAB_SORTS, type Sort } from '../../../shared/ipc/conversation-sort'
import { fillCache } from '../../bench/generate'

let db: Database
beforeAll(() => {
  db = openDatabase(':memory:')
  // Enough rows that the planner's choices are the ones it makes at scale, and some FTS matches.
  fillCache(db, { count: 3000, now: 1_750_000_000_000 })
  db.exec('ANALYZE')
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

describe('query plans: every tab in every order with every filter shape', () => {
  for (const tab of TABS) {
    for (const sort of TAB_SORTS[tab]) {
      const key = sort.startsWith('customer') ? 'putri' : 1_749_500_000_000
      for (const [name, filters] of Object.entries(FILTERS)) {
        it(`${tab} × ${sort} × ${name}: first and next pages walk the order's index (or the FTS index), never the table`, () => {
          for (const after of [null, { key, id: 1500, asOf: 1 }]) {
            const { sql, params } = listConversationsSql({ tab, sort, filters, after, limit: 50 }, db)
            const plan = planOf(sql, params)
            expect(scansTable(plan), plan).toBe(false)
            const viaFts = /VIRTUAL TABLE INDEX \d+:M/.test(plan)
            expect(new RegExp(`INDEX ${INDEX[tab][sort]!}\\b`).test(plan) || viaFts, plan).toBe(true)
            if (filters.search) expect(viaFts, plan).toBe(true)
            if (!viaFts) expect(plan).not.toContain('USE TEMP B-TREE')
          }
        })
      }
    }
  }

  for (const [name, filters] of Object.entries(FILTERS)) {
    it(`counts × ${name}: facet tables or an index, never the table`, () => {
      const resolved = resolveFilters(db, filters)
      const exact = resolved.fts !== null || filters.from !== undefined || filters.to !== undefined || (filters.labelIds?.length ?? 0) > 1
      if (!exact) return // answered from the facet tables (a few hundred rows), see conversation-counts.ts
      const { sql, params } = exactCountSql(resolved)
      const plan = planOf(sql, params)
      expect(scansTable(plan), plan).toBe(false)
    })
  }
})
