import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { listConversationsSql } from '../../../electron/main/db/queries/conversation-list'
import { listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { applyOverlay, insertAction, restoreBase, saveBase } from '../../../electron/main/db/queries/outbox'
import { STATUS_TOKENS } from '../../../electron/main/db/queries/search-index'
import { migration0110 } from '../../../electron/main/db/migrations/0110-search-prefixes'
import type { Filters, Tab } from '../../../shared/ipc'
import { TAB_SORTS, type Sort } from '../../../shared/ipc/conversation-sort'
import { fillCache, generateConversations } from '../../bench/generate'
import { searchScanIds } from './search-scan'

/**
 * A search's page is found four ways (few matches sorted, a walk checked against the matches
 * from one end of the id range or, in the customer order, in one pass; every match sorted in the
 * query for the customer order; the walk checked against every match in SQL), and In Queue and Handled read their matches through status
 * tokens in the index. All of it is held to a scan of the table against the plain search.
 */
const NOW = 1_750_000_000_000
let db: Database
beforeAll(() => {
  db = openDatabase(':memory:')
  // Enough rows that a common word has more than the "few" 4,000 matches.
  fillCache(db, { count: 24_000, now: NOW })
  db.exec('ANALYZE')
})

const SEARCHES: Record<string, Filters> = {
  'common word': { search: 'kak' },
  'common word + filters': { search: 'kak', channels: ['whatsapp', 'email'], type: 'inbox' },
  'common word + label + agent': { search: 'kak', labelIds: [3], agentIds: [4, 5] },
  'label name': { search: 'refund' },
  'one letter': { search: 'a' },
  'two words': { search: 'terima kasih' },
  'name + filters': { search: 'siti', channels: ['whatsapp'], type: 'inbox' },
  'full name': { search: 'budi santoso' },
}
const TABS: Tab[] = ['all', 'in_queue', 'handled']

const scanIds = (on: Database, tab: Tab, sort: Sort, filters: Filters): number[] => searchScanIds(on, tab, sort, filters)

/** The first two pages of 50, through the keyset the renderer would send back. */
function twoPages(on: Database, tab: Tab, sort: Sort, filters: Filters): number[] {
  const first = listConversations(on, { tab, sort, filters, after: null, limit: 50 })
  const second = first.next ? listConversations(on, { tab, sort, filters, after: first.next, limit: 50 }).rows : []
  return [...first.rows, ...second].map((c) => c.id)
}

describe('search pages equal a scan', () => {
  const plans = new Set<string>()
  for (const tab of TABS) {
    for (const sort of TAB_SORTS[tab]) {
      it(`${tab} × ${sort}: two pages of every search`, () => {
        for (const [name, filters] of Object.entries(SEARCHES)) {
          const expected = scanIds(db, tab, sort, filters)
          expect(twoPages(db, tab, sort, filters), name).toEqual(expected)
          plans.add(listConversationsSql({ tab, sort, filters, after: null, limit: 50 }, db).plan.kind)
          // The walk checked against every match, which a bigger cache falls back to.
          const { sql, params } = listConversationsSql({ tab, sort, filters, after: null, limit: 100 }, db, { kind: 'tab' })
          expect((db.prepare(sql).all(...params) as { id: number }[]).map((r) => r.id).slice(0, 100), `${name} by the tab walk`).toEqual(expected)
          // The walk checked against the matches, which decides pages with many matches (in the
          // name order, one pass over them per try).
          const walked = listConversationsSql({ tab, sort, filters, after: null, limit: 100 }, db, { kind: 'window' })
          // A rare search runs out of walk and falls back; a common one is decided by it.
          if (name.startsWith('common word') || name === 'one letter') expect(walked.plan.kind, `${name} by a window`).toBe('window')
          expect((db.prepare(walked.sql).all(...walked.params) as { id: number }[]).map((r) => r.id).slice(0, 100), `${name} by a window`).toEqual(expected)
        }
      })
    }
  }
  it('chose every way but the walk against every match, which this cache is too small for', () => {
    expect([...plans].sort()).toEqual(['fts', 'sorted', 'window'])
  })
})

describe('status tokens in the search index', () => {
  const tokened = (on: Database, status: keyof typeof STATUS_TOKENS): number[] =>
    on.prepare('SELECT rowid FROM conversation_search WHERE conversation_search MATCH ? ORDER BY rowid').pluck().all(`labels : ${STATUS_TOKENS[status]}`) as number[]
  const withStatus = (on: Database, status: string): number[] =>
    on.prepare('SELECT id FROM conversations WHERE status = ? ORDER BY id').pluck().all(status) as number[]
  const expectInStep = (on: Database): void => {
    for (const status of ['in_queue', 'handled'] as const) expect(tokened(on, status), status).toEqual(withStatus(on, status))
  }

  it('follow the row through server changes and the outbox overlay', () => {
    const fresh = openDatabase(':memory:')
    fillCache(fresh, { count: 500, now: NOW })
    expectInStep(fresh)
    // Server changes: other statuses for a third of the rows.
    upsertConversations(fresh, [...generateConversations({ count: 170, now: NOW - 86_400_000, seed: 9 })].map((c) => ({ ...c, version: 50 })))
    expectInStep(fresh)
    // An assignment shown ahead of the server makes a resolved conversation read as Handled …
    const resolved = withStatus(fresh, 'resolved')[0]!
    saveBase(fresh, resolved)
    insertAction(fresh, { key: 'k1', kind: 'assign', conversationId: resolved, customerName: 'x', agentId: 3, overrideQuota: false, fromAgentId: null, datasetId: null, now: NOW })
    applyOverlay(fresh, resolved)
    expect(withStatus(fresh, 'handled')).toContain(resolved)
    expectInStep(fresh)
    const search = { search: String(10_000 + resolved) }
    expect(listConversations(fresh, { tab: 'handled', filters: search, after: null, limit: 50 }).rows.map((c) => c.id)).toEqual([resolved])
    // … and the server's values put back make it resolved again.
    restoreBase(fresh, resolved)
    expectInStep(fresh)
    expect(listConversations(fresh, { tab: 'handled', filters: search, after: null, limit: 50 }).rows).toEqual([])
  })

  it('are written for every existing conversation when the index is rebuilt', () => {
    const fresh = openDatabase(':memory:')
    fillCache(fresh, { count: 7000, now: NOW })
    fresh.exec("INSERT INTO conversation_search (conversation_search) VALUES ('delete-all')")
    expect(tokened(fresh, 'in_queue')).toEqual([])
    migration0110.up(fresh)
    expectInStep(fresh)
    expect(twoPages(fresh, 'all', 'activity_desc', { search: 'kak' })).toEqual(scanIds(fresh, 'all', 'activity_desc', { search: 'kak' }))
  })
})
