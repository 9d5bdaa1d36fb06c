import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { passesFilters } from '../../shared/ipc/passes-filters'
import { useServerHistoryStore } from '../../renderer/src/stores/server-history'
import { createFakeObserve, deferred, FakeIpcFailure, makeConversation } from './support/fake-observe'

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  delete window.observe
})

describe('older history from the server', () => {
  it('keeps only what passes the page’s other filters, as the cache would', () => {
    const c = makeConversation(1, { status: 'resolved', channel: 'email', type: 'outbox', labelIds: [3, 7], lastAgentId: 4, createdAt: 5_000 })
    expect(passesFilters(c, {})).toBe(true)
    expect(passesFilters(c, { channels: ['email', 'telegram'], labelIds: [7, 9], agentIds: [4], type: 'outbox', from: 5_000, to: 5_001 })).toBe(true)
    expect(passesFilters(c, { channels: ['whatsapp'] })).toBe(false)
    expect(passesFilters(c, { labelIds: [9] })).toBe(false)
    expect(passesFilters(c, { agentIds: [5] })).toBe(false)
    expect(passesFilters(c, { type: 'inbox' })).toBe(false)
    expect(passesFilters(c, { from: 5_001 })).toBe(false)
    expect(passesFilters(c, { to: 5_000 })).toBe(false)
    expect(passesFilters(makeConversation(2, { lastAgentId: null }), { agentIds: [4] })).toBe(false)
  })

  it('asks the server for the search, keeps the newest answer only, and says offline and slow apart from other failures', async () => {
    const first = deferred<{ rows: ReturnType<typeof makeConversation>[]; source: 'server'; more: boolean }>()
    const fake = createFakeObserve({ 'conversations:searchHistory': () => first.promise })
    window.observe = fake
    const store = useServerHistoryStore()

    await store.lookUp({ search: 'a' })
    expect(store.status).toBe('idle')
    expect(fake.calls).toEqual([])

    const stale = store.lookUp({ search: 'budi' })
    expect(store.status).toBe('loading')
    fake.handlers['conversations:searchHistory'] = () => ({ rows: [makeConversation(9, { status: 'resolved', channel: 'email' })], source: 'server', more: false })
    await store.lookUp({ search: 'budi santoso', channels: ['email'] })
    first.resolve({ rows: [makeConversation(8, { status: 'resolved' })], source: 'server', more: false })
    await stale
    expect(store.rows.map((c) => c.id)).toEqual([9])
    expect(fake.calls.map((c) => c.input)).toEqual([
      { search: 'budi', limit: 50, filters: {} },
      // The other filters go along: the core reads on until its page of rows passing them is full.
      { search: 'budi santoso', limit: 50, filters: { channels: ['email'] } },
    ])

    fake.handlers['conversations:searchHistory'] = () => {
      throw new FakeIpcFailure({ code: 'offline', message: 'older history needs a connection' })
    }
    await store.lookUp({ search: 'budi' })
    expect(store.status).toBe('offline')
    fake.handlers['conversations:searchHistory'] = () => {
      throw new FakeIpcFailure({ code: 'internal', message: 'conversations:searchHistory failed' })
    }
    await store.retry()
    expect(store.status).toBe('error')
    expect(store.rows).toEqual([])
    // A server reached but too slow is neither: it is offered again, saying why.
    fake.handlers['conversations:searchHistory'] = () => {
      throw new FakeIpcFailure({ code: 'timeout', message: 'the server did not answer in time' })
    }
    await store.retry()
    expect(store.status).toBe('slow')
  })
})
