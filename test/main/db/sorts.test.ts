import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/main/db/connection'
import { listConversations, upsertConversations, type Keyset } from '../../../electron/main/db/queries/conversations'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { migration0080 } from '../../../electron/main/db/migrations/0080-sort-orders'
import { conversationHandlers } from '../../../electron/main/ipc/conversations'
import { decodeCursor, encodeCursor } from '../../../electron/main/ipc/cursor'
import type { Conversation } from '../../../shared/domain'
import { ipcContract, type Filters, type Tab } from '../../../shared/ipc'
import { oppositeSort, TAB_SORTS, type Sort } from '../../../shared/ipc/conversation-sort'
import { conversation } from '../support/domain'

const NAMES = ['Ánna Putri', 'anna putri', 'Budi', 'budi', 'Çelik', 'celik', 'Zed', 'zainal', '', 'Ömer', 'Dewi  Lestari', 'dewi lestari', 'Éva']
const T0 = 1_700_000_000_000

/** 211 conversations whose sort keys collide in groups, so ids must break the ties. */
function rows(): Conversation[] {
  return Array.from({ length: 211 }, (_, i) => {
    const id = i + 1
    const status = id % 3 === 0 ? 'handled' : id % 3 === 1 ? 'in_queue' : 'resolved'
    const createdAt = T0 + Math.floor(i / 7) * 1000
    const updatedAt = T0 + ((i * 37) % 29) * 1000
    return conversation(id, {
      status,
      agentId: status === 'handled' ? 3 : null,
      lastAgentId: status === 'in_queue' ? null : 3,
      channel: id % 2 ? 'whatsapp' : 'email',
      customer: { id: 900 + (id % NAMES.length), name: NAMES[id % NAMES.length]!, handle: `h${id}` },
      createdAt,
      updatedAt,
      queuedAt: status === 'in_queue' ? T0 + ((i * 13) % 17) * 1000 : null,
      labelIds: id % 4 === 0 ? [2] : [],
    })
  })
}

/** The plain in-memory version of each order: what the pages must add up to. */
const nameKey = (c: Conversation): string => c.customer.name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
const byKey = <K extends number | string>(key: (c: Conversation) => K, dir: 1 | -1) => (a: Conversation, b: Conversation): number => {
  const [x, y] = [key(a), key(b)]
  return (x < y ? -1 : x > y ? 1 : a.id - b.id) * dir
}
const IN_MEMORY: Record<Sort, (a: Conversation, b: Conversation) => number> = {
  activity_desc: byKey((c) => c.updatedAt, -1),
  activity_asc: byKey((c) => c.updatedAt, 1),
  created_desc: byKey((c) => c.createdAt, -1),
  created_asc: byKey((c) => c.createdAt, 1),
  customer_asc: byKey(nameKey, 1),
  customer_desc: byKey(nameKey, -1),
  // The longest wait first: the earliest queued time first.
  waiting_desc: byKey((c) => c.queuedAt!, 1),
  waiting_asc: byKey((c) => c.queuedAt!, -1),
}

const TABS: Tab[] = ['all', 'in_queue', 'handled']
const inTab = (tab: Tab) => (c: Conversation): boolean => tab === 'all' || c.status === tab

describe('list orders', () => {
  const db = openDatabase(':memory:')
  const all = rows()
  upsertConversations(db, all)

  for (const tab of TABS) {
    for (const sort of TAB_SORTS[tab]) {
      for (const [name, filters, keep] of [
        ['no filter', {}, () => true],
        ['email, label 2', { channels: ['email'], labelIds: [2] }, (c: Conversation) => c.channel === 'email' && c.labelIds.includes(2)],
      ] as [string, Filters, (c: Conversation) => boolean][]) {
        it(`${tab} × ${sort} × ${name}: keyset pages hold every row once, in the in-memory order`, () => {
          const seen: number[] = []
          let after: Keyset | null = null
          do {
            const page = listConversations(db, { tab, sort, filters, after, limit: 9 })
            seen.push(...page.rows.map((r) => r.id))
            after = page.next
          } while (after)
          const expected = all.filter(inTab(tab)).filter(keep).sort(IN_MEMORY[sort]).map((c) => c.id)
          expect(expected.length).toBeGreaterThan(5)
          expect(seen).toEqual(expected)
        })
      }
    }
  }

  it("read each tab's rows in each order's opposite exactly backwards, so End reads the list's last page first", () => {
    const everyRow = (tab: Tab, sort: Sort, filters: Filters = {}): number[] => listConversations(db, { tab, sort, filters, after: null, limit: 500 }).rows.map((r) => r.id)
    for (const tab of TABS) {
      for (const sort of TAB_SORTS[tab]) {
        const opposite = oppositeSort(sort)
        expect(TAB_SORTS[tab]).toContain(opposite)
        expect(everyRow(tab, opposite)).toEqual(everyRow(tab, sort).reverse())
        expect(everyRow(tab, opposite, { search: 'budi' })).toEqual(everyRow(tab, sort, { search: 'budi' }).reverse())
      }
    }
  })

  it('fold case, accents and repeated spaces in the customer-name order', () => {
    const first = listConversations(db, { tab: 'all', sort: 'customer_asc', filters: {}, after: null, limit: 500 }).rows
    const names = first.map((c) => c.customer.name)
    expect(names.indexOf('anna putri')).toBeLessThan(names.indexOf('Budi'))
    expect(names.indexOf('Ánna Putri')).toBeLessThan(names.indexOf('budi'))
    expect(names.indexOf('Zed')).toBeGreaterThan(names.indexOf('Ömer'))
    expect(names[0]).toBe('')
  })

  it('keep searching in every order (the few-matches path sorts the matches)', () => {
    for (const sort of TAB_SORTS.all) {
      const ids = listConversations(db, { tab: 'all', sort, filters: { search: 'budi' }, after: null, limit: 500 }).rows.map((c) => c.id)
      const expected = all.filter((c) => c.customer.name.toLowerCase() === 'budi').sort(IN_MEMORY[sort]).map((c) => c.id)
      expect(ids).toEqual(expected)
    }
  })
})

describe('sort cursors and the contract', () => {
  const keyset = { key: 'budi', id: 7, asOf: 3 }

  it('refuse a cursor from another order or another tab, and a key of the wrong kind', () => {
    const cursor = encodeCursor('all', 'customer_asc', keyset)
    expect(decodeCursor('all', 'customer_asc', cursor)).toEqual(keyset)
    expect(() => decodeCursor('all', 'customer_desc', cursor)).toThrow('cursor does not belong')
    expect(() => decodeCursor('handled', 'customer_asc', cursor)).toThrow('cursor does not belong')
    expect(() => decodeCursor('all', 'activity_desc', encodeCursor('all', 'activity_desc', keyset))).toThrow('cursor does not belong')
    expect(() => decodeCursor('all', 'activity_desc', 'bm9wZQ')).toThrow('cursor does not belong')
    const long = { key: 'ж'.repeat(64), id: Number.MAX_SAFE_INTEGER, asOf: Number.MAX_SAFE_INTEGER }
    const input = { tab: 'all', sort: 'customer_asc', cursor: encodeCursor('all', 'customer_asc', long) }
    expect(ipcContract['conversations:list'].input.safeParse(input).success).toBe(true)
  })

  it('default each tab to its old order and refuse an order the tab does not offer', () => {
    const parse = (input: object) => ipcContract['conversations:list'].input.safeParse(input)
    expect(parse({ tab: 'all' }).data?.sort).toBe('activity_desc')
    expect(parse({ tab: 'handled' }).data?.sort).toBe('activity_desc')
    expect(parse({ tab: 'in_queue' }).data?.sort).toBe('waiting_desc')
    expect(parse({ tab: 'in_queue', sort: 'customer_asc' }).success).toBe(false)
    expect(parse({ tab: 'all', sort: 'waiting_desc' }).success).toBe(false)
    expect(parse({ tab: 'all', sort: 'sideways' }).success).toBe(false)
  })

  it('page through the IPC handler with the sort inside the cursor', () => {
    const db = openDatabase(':memory:')
    upsertConversations(db, rows())
    const handlers = conversationHandlers({ db: () => db, loadThread: async () => {}, loadEarlierMessages: async () => {}, isOffline: () => false, searchHistory: async () => ({ items: [], next: null }), fetchFromServer: async () => Promise.reject(new Error('not used here')), now: Date.now })
    const list = handlers['conversations:list']
    const input = (sort: Sort, cursor: string | null) => ipcContract['conversations:list'].input.parse({ tab: 'all', sort, cursor, limit: 20 })
    const first = list(input('created_desc', null)) as { nextCursor: string | null }
    expect(first.nextCursor).not.toBeNull()
    expect(() => list(input('created_asc', first.nextCursor))).toThrow('cursor does not belong')
    expect(() => list(input('created_desc', first.nextCursor))).not.toThrow()
  })
})

describe('migration 0080', () => {
  it('fills the customer sort key of conversations cached before it', () => {
    // A cache as 0080 found it: the migrations before it, and a row written then.
    const db = openDatabase(':memory:', MIGRATIONS.filter((m) => m.version < 80))
    db.exec(`INSERT INTO customers (id, name, handle) VALUES (5, 'Ñoño  Díaz', 'x');
      INSERT INTO conversations (id, ticket_no, customer_id, channel_id, channel, type, status, created_at, wait_since, updated_at, unread, version)
        VALUES (1, 1001, 5, 1, 'whatsapp', 'inbox', 'resolved', 1, 1, 1, 0, 1)`)
    migration0080.up(db)
    expect(db.prepare('SELECT customer_sort FROM conversations').pluck().get()).toBe('nono diaz')
  })
})
