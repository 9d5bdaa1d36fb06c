import { beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { countConversations, deleteConversations, listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { upsertMessages, markThreadLoaded } from '../../../electron/main/db/queries/messages'
import type { Conversation } from '../../../shared/domain'
import type { Filters, Tab, TabCounts } from '../../../shared/ipc'
import { fillCache, generateConversations } from '../../bench/generate'
import { conversation, message } from '../support/domain'

const NOW = 1_750_000_000_000
let db: Database
let rows: Conversation[]
beforeAll(() => {
  db = openDatabase(':memory:')
  fillCache(db, { count: 2500, now: NOW })
  rows = [...generateConversations({ count: 2500, now: NOW })]
})

const inTab = (tab: Tab, c: Conversation): boolean => tab === 'all' || c.status === tab
const matches = (f: Filters, c: Conversation): boolean =>
  (!f.type || c.type === f.type) &&
  (!f.channels?.length || f.channels.includes(c.channel)) &&
  (!f.labelIds?.length || c.labelIds.some((l) => f.labelIds!.includes(l))) &&
  (!f.agentIds?.length || (c.lastAgentId !== null && f.agentIds.includes(c.lastAgentId))) &&
  (f.from === undefined || c.createdAt >= f.from) &&
  (f.to === undefined || c.createdAt < f.to)
const order = (tab: Tab) => (a: Conversation, b: Conversation): number =>
  tab === 'in_queue'
    ? (a.queuedAt ?? a.createdAt) - (b.queuedAt ?? b.createdAt) || a.id - b.id
    : b.updatedAt - a.updatedAt || b.id - a.id

function allPages(tab: Tab, filters: Filters, limit = 50): number[] {
  const ids: number[] = []
  let after = null
  do {
    const page = listConversations(db, { tab, filters, after, limit })
    ids.push(...page.rows.map((r) => r.id))
    after = page.next
  } while (after)
  return ids
}

const CASES: Filters[] = [
  {},
  { type: 'outbox' },
  { channels: ['telegram', 'email'] },
  { labelIds: [4] },
  { labelIds: [2, 9] },
  { agentIds: [7] },
  { agentIds: [3, 11, 12] },
  { from: NOW - 7 * 86_400_000 },
  { from: NOW - 20 * 86_400_000, to: NOW - 10 * 86_400_000 },
  { type: 'inbox', channels: ['whatsapp'], agentIds: [4, 5] },
  { channels: ['instagram', 'livechat'], labelIds: [1] },
  { type: 'outbox', labelIds: [3, 5], agentIds: [2, 6, 9], from: NOW - 14 * 86_400_000 },
]

describe('filters on the cache, against a plain computation over the same rows', () => {
  for (const filters of CASES) {
    it(`lists every tab in order and counts it: ${JSON.stringify(filters)}`, () => {
      const expected: TabCounts = { all: 0, in_queue: 0, handled: 0 }
      for (const tab of ['all', 'in_queue', 'handled'] as Tab[]) {
        const want = rows.filter((c) => inTab(tab, c) && matches(filters, c)).sort(order(tab)).map((c) => c.id)
        expect(allPages(tab, filters, 97)).toEqual(want)
        expected[tab] = want.length
      }
      expect(countConversations(db, filters)).toEqual(expected)
    })
  }
})

describe('search', () => {
  let search: Database
  const ids = (text: string, extra: Filters = {}): number[] =>
    listConversations(search, { tab: 'all', filters: { ...extra, search: text }, after: null, limit: 50 }).rows.map((r) => r.id).sort((a, b) => a - b)
  beforeAll(() => {
    search = openDatabase(':memory:')
    search.exec("INSERT INTO labels (id, name, color) VALUES (1, 'Komplain', '#f00'), (2, 'Pengiriman', '#0f0')")
    upsertConversations(search, [
      conversation(1, { customer: { id: 1, name: 'Budi Santoso', handle: '+62 812-3456-7890' }, labelIds: [1] }),
      conversation(2, { customer: { id: 2, name: 'José Müller', handle: 'jose.muller@gmail.com' }, status: 'handled', lastAgentId: 4, agentId: 4 }),
      conversation(3, { customer: { id: 3, name: 'Siti Rahayu', handle: '@siti_r' }, lastMessage: { text: 'Pesanan saya belum sampai', at: 5, direction: 'in' } }),
      conversation(4, { customer: { id: 4, name: 'Emily Clarke', handle: '@emily' }, labelIds: [2], status: 'resolved', resolvedAt: 9 }),
    ])
  })

  it('matches name prefixes, any word order, folded diacritics, case', () => {
    expect(ids('budi')).toEqual([1])
    expect(ids('SANT bud')).toEqual([1])
    expect(ids('jose muller')).toEqual([2])
    expect(ids('josé')).toEqual([2])
    expect(ids('budi siti')).toEqual([])
  })

  it('matches handles: phone in any spelling, e-mail, account', () => {
    expect(ids('0812 3456')).toEqual([1])
    expect(ids('62812345')).toEqual([1])
    expect(ids('08123456789')).toEqual([1])
    expect(ids('jose.muller@gmail')).toEqual([2])
    expect(ids('@siti')).toEqual([3])
  })

  it('matches a phone a backend keeps in the local form by its international spellings too', () => {
    upsertConversations(search, [conversation(61, { customer: { id: 61, name: 'Rahmat Lokal', handle: '0857-2211-4433' } })])
    onTestFinished(() => deleteConversations(search, [61]))
    expect(ids('+62 857 2211')).toEqual([61])
    expect(ids('6285722114433')).toEqual([61])
    expect(ids('0857 2211')).toEqual([61])
    expect(ids('85722114433')).toEqual([61])
  })

  it('matches ticket numbers, label names and message text (Indonesian and English)', () => {
    expect(ids('10003')).toEqual([3])
    expect(ids('komplain')).toEqual([1])
    expect(ids('pengirim')).toEqual([4])
    expect(ids('pesanan belum')).toEqual([3])
    expect(ids('halo')).toEqual([1, 2, 4])
  })

  it('finds cached thread text, and combines with the other filters and the counts', () => {
    upsertMessages(search, [message(50, 2, { text: 'Paket tertahan di gudang Cikarang' })])
    markThreadLoaded(search, 2, 1)
    expect(ids('cikarang')).toEqual([2])
    expect(ids('cikarang', { agentIds: [4] })).toEqual([2])
    expect(ids('cikarang', { agentIds: [5] })).toEqual([])
    expect(countConversations(search, { search: 'halo' })).toEqual({ all: 3, in_queue: 1, handled: 1 })
    // A later upsert of the conversation keeps the cached thread searchable.
    upsertConversations(search, [conversation(2, { customer: { id: 2, name: 'José Müller', handle: 'x' }, version: 2, status: 'handled', lastAgentId: 4, agentId: 4 })])
    expect(ids('cikarang')).toEqual([2])
  })

  it('takes what people type literally: quotes, operators and stray symbols are not FTS syntax', () => {
    expect(ids('"budi" OR NOT siti*')).toEqual([])
    expect(ids('budi)')).toEqual([1])
    expect(ids('%')).toEqual([1, 2, 3, 4])
  })
})
