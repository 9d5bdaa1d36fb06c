import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { filterConditions, listOrder, resolveFilters, tabCondition, whereClause } from '../../../electron/main/db/queries/conversation-filters'
import { listConversationsSql } from '../../../electron/main/db/queries/conversation-list'
import { listPlans } from '../../../electron/main/db/queries/conversation-plan'
import { SEARCH_COUNT_CAP } from '../../../electron/main/db/queries/conversation-counts'
import { countConversations, deleteConversations, listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { conversationFromRow, type ConversationFields } from '../../../electron/main/db/rows'
import type { Filters, Tab, TabCounts } from '../../../shared/ipc'
import { TAB_SORTS, type Sort } from '../../../shared/ipc/conversation-sort'
import { fillCache, generateConversations } from '../../bench/generate'

/**
 * Plans and facet counts are shortcuts; these tests hold them to the slow, obvious answer: the
 * same filters applied to a scan of the whole table.
 */
const NOW = 1_750_000_000_000
const DAY = 86_400_000
const HOUR = 3_600_000
let db: Database
beforeAll(() => {
  db = openDatabase(':memory:')
  fillCache(db, { count: 4000, now: NOW })
  db.exec('ANALYZE')
})

const midnight = NOW - (NOW % DAY)
const SHAPES: Record<string, Filters> = {
  none: {},
  outbox: { type: 'outbox' },
  telegram: { channels: ['telegram'] },
  'one label': { labelIds: [7] },
  'two labels': { labelIds: [2, 9] },
  'three labels + type': { labelIds: [3, 4, 5], type: 'outbox' },
  'agents': { agentIds: [2, 8, 12] },
  'narrow cell': { type: 'outbox', channels: ['telegram'], labelIds: [4], agentIds: [9] },
  'two labels + agent': { labelIds: [1, 2], agentIds: [3] },
  'UTC day': { from: midnight - 2 * DAY, to: midnight - DAY },
  'local day (UTC+7)': { from: midnight - 7 * HOUR - 3 * DAY, to: midnight + 17 * HOUR - 3 * DAY },
  'under a day across midnight': { from: midnight - 20 * DAY + 1_234_567, to: midnight - 19 * DAY + 7_654_321 },
  'three hours and a bit': { from: midnight - 10 * DAY + 1_234_567, to: midnight - 10 * DAY + 1_234_567 + 3 * HOUR + 5 },
  'a week, odd ends': { from: NOW - 21 * DAY + 999, to: NOW - 14 * DAY - 999 },
  'from only': { from: NOW - 7 * DAY },
  'to only': { to: NOW - 20 * DAY },
  'range + agents': { from: NOW - 9 * DAY + 1_234_567, to: NOW - 2 * DAY - 2222, agentIds: [5, 6] },
  'range + labels': { from: NOW - 9 * DAY + 1_234_567, labelIds: [3, 4, 5] },
  everything: { type: 'inbox', channels: ['whatsapp'], labelIds: [1, 2], agentIds: [3, 4], from: NOW - 7 * DAY },
  'empty range': { from: NOW - 3 * DAY, to: NOW - 3 * DAY },
  'before the cache': { to: NOW - 400 * DAY },
}
const TABS: Tab[] = ['all', 'in_queue', 'handled']

function scanIds(tab: Tab, sort: Sort, filters: Filters, on: Database = db): number[] {
  const order = listOrder(tab, sort)
  const where = whereClause([tabCondition(tab), ...filterConditions(resolveFilters(on, filters))])
  const dir = order.direction.toUpperCase()
  return on
    .prepare(`SELECT c.id FROM conversations c NOT INDEXED ${where.sql} ORDER BY c.${order.column} ${dir}, c.id ${dir} LIMIT 100`)
    .pluck()
    .all(...where.params) as number[]
}

function scanCounts(filters: Filters, on: Database = db): TabCounts {
  const where = whereClause(filterConditions(resolveFilters(on, filters)))
  const counts: TabCounts = { all: 0, in_queue: 0, handled: 0 }
  const rows = on.prepare(`SELECT status, count(*) AS n FROM conversations c NOT INDEXED ${where.sql} GROUP BY status`).all(...where.params)
  for (const { status, n } of rows as { status: string; n: number }[]) {
    counts.all += n
    if (status !== 'resolved') counts[status as 'in_queue' | 'handled'] += n
  }
  return counts
}

describe('every list plan returns what a scan returns', () => {
  for (const tab of TABS) {
    for (const sort of TAB_SORTS[tab]) {
      it(`${tab} × ${sort}: two pages of every shape, by every plan`, () => {
        for (const [name, filters] of Object.entries(SHAPES)) {
          const expected = scanIds(tab, sort, filters)
          for (const { plan } of listPlans(db, tab, listOrder(tab, sort), resolveFilters(db, filters))) {
            const page = (after: Parameters<typeof listConversationsSql>[0]['after']) => {
              const { sql, params } = listConversationsSql({ tab, sort, filters, after, limit: 50 }, db, plan)
              return db.prepare(sql).all(...params) as (ConversationFields & { sort_key: number | string })[]
            }
            const first = page(null)
            const last = first[49]
            const second = last ? page({ key: last.sort_key, id: last.id, asOf: Number.MAX_SAFE_INTEGER }) : []
            const ids = [...first.slice(0, 50), ...second.slice(0, 50)].map((c) => conversationFromRow(c).id)
            expect(ids, `${name} by ${plan.kind}`).toEqual(expected.slice(0, ids.length))
            expect(ids.length, `${name} by ${plan.kind}`).toBe(Math.min(100, expected.length))
          }
        }
      })
    }
  }
})

describe('tab counts equal a count of the table', () => {
  it.each(Object.entries(SHAPES))('%s', (_name, filters) => {
    expect(countConversations(db, filters)).toEqual(scanCounts(filters))
  })

  it('follow writes: status moves, relabels, agent changes and deletes keep every facet table exact', () => {
    const fresh = openDatabase(':memory:')
    fillCache(fresh, { count: 600, now: NOW })
    // Rewrite a third of the rows with other statuses, labels, agents and dates.
    const moved = [...generateConversations({ count: 200, now: NOW - 3 * DAY, seed: 7 })].map((c) => ({ ...c, version: 99 }))
    upsertConversations(fresh, moved)
    deleteConversations(fresh, fresh.prepare('SELECT id FROM conversations WHERE id % 17 = 0').pluck().all() as number[])
    for (const filters of Object.values(SHAPES)) expect(countConversations(fresh, filters)).toEqual(scanCounts(filters, fresh))
    for (const filters of [SHAPES['two labels']!, SHAPES['everything']!, SHAPES['narrow cell']!]) {
      expect(listConversations(fresh, { tab: 'all', filters, after: null, limit: 100 }).rows.map((c) => c.id)).toEqual(scanIds('all', 'activity_desc', filters, fresh))
    }
  })
})

describe('search counts', () => {
  const trueCounts = (search: string, others: Filters = {}): TabCounts => {
    const resolved = resolveFilters(db, { ...others, search })
    const where = whereClause(filterConditions(resolved))
    const counts: TabCounts = { all: 0, in_queue: 0, handled: 0 }
    const rows = db
      .prepare(
        `SELECT c.status, count(*) AS n FROM conversation_search s JOIN conversations c ON c.id = s.rowid
         ${where.sql || 'WHERE 1'} AND conversation_search MATCH ? GROUP BY c.status`,
      )
      .all(...where.params, resolved.fts) as { status: string; n: number }[]
    for (const { status, n } of rows) {
      counts.all += n
      if (status !== 'resolved') counts[status as 'in_queue' | 'handled'] += n
    }
    return counts
  }

  it('are exact while a search matches fewer than the cap', () => {
    const expected = trueCounts('kak')
    expect(expected.all).toBeGreaterThan(100)
    expect(expected.all).toBeLessThan(SEARCH_COUNT_CAP)
    expect(countConversations(db, { search: 'kak' })).toEqual(expected)
  })

  it('say they are lower bounds when a search matches more', () => {
    const expected = trueCounts('a')
    expect(expected.all).toBeGreaterThan(SEARCH_COUNT_CAP)
    // All says "at least"; the working tabs stay exact.
    expect(countConversations(db, { search: 'a' })).toEqual({ all: SEARCH_COUNT_CAP, in_queue: expected.in_queue, handled: expected.handled, atLeast: ['all'] })
    expect(expected.in_queue).toBeGreaterThan(0)
  })

  it('claim no more than there is when other filters narrow a search past the cap', () => {
    const others: Filters = { type: 'outbox', channels: ['telegram'], agentIds: [9] }
    expect(trueCounts('a').all).toBeGreaterThan(SEARCH_COUNT_CAP)
    const expected = trueCounts('a', others)
    expect(expected.all).toBeLessThan(SEARCH_COUNT_CAP)
    const counts = countConversations(db, { ...others, search: 'a' })
    expect(counts.atLeast).toEqual(['all'])
    expect(counts.all).toBeLessThanOrEqual(expected.all)
    expect(counts).toMatchObject({ in_queue: expected.in_queue, handled: expected.handled })
  })

  it('make every tab a lower bound, counted over the newest matches, when the open tabs are very large too', () => {
    const expected = trueCounts('a')
    const counts = countConversations(db, { search: 'a' }, 10)
    expect(counts.atLeast).toEqual(['all', 'in_queue', 'handled'])
    expect(counts.all).toBe(SEARCH_COUNT_CAP)
    expect(counts.in_queue).toBeGreaterThan(0)
    expect(counts.in_queue).toBeLessThanOrEqual(expected.in_queue)
    expect(counts.handled).toBeLessThanOrEqual(expected.handled)
  })
})
