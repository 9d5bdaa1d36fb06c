import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConversationPage } from '../../shared/ipc/contract'
import { PAGE_SIZE, REFRESH_COALESCE_MS, useConversationsStore } from '../../renderer/src/stores/conversations'
import { createFakeObserve, deferred, FakeIpcFailure, flush, makeConversation, type FakeObserve } from './support/fake-observe'

/** A fake cache of `total` queued conversations, served in keyset pages ("cursor" = index). */
function pagedList(total: number) {
  const rows = Array.from({ length: total }, (_, i) => makeConversation(i + 1))
  return ({ cursor, limit }: { cursor?: string | null; limit?: number }): ConversationPage => {
    const start = cursor ? Number(cursor) : 0
    const end = start + (limit ?? PAGE_SIZE)
    return { rows: rows.slice(start, end), nextCursor: end < rows.length ? String(end) : null }
  }
}

let fake: FakeObserve

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeObserve()
  window.observe = fake
})

afterEach(() => {
  useConversationsStore().stop()
  vi.useRealTimers()
  delete window.observe
})

describe('conversations store', () => {
  it('loads the first page of a tab and then further pages by cursor until the end', async () => {
    fake.handlers['conversations:list'] = pagedList(120)
    const store = useConversationsStore()

    await store.setTab('in_queue')
    expect(store.lists.in_queue.records).toHaveLength(50)
    expect(store.lists.in_queue.hasMore).toBe(true)

    await store.loadMore()
    await store.loadMore()
    expect(store.lists.in_queue.records.map((c) => c.id)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    expect(store.lists.in_queue.hasMore).toBe(false)
    expect(store.lists.in_queue.cursor).toBeNull()

    const cursors = fake.calls.map((c) => (c.input as { cursor: string | null }).cursor)
    expect(cursors).toEqual([null, '50', '100'])
    // Nothing more to fetch: no further call.
    await store.loadMore()
    expect(fake.calls).toHaveLength(3)
  })

  it('keeps each tab separate', async () => {
    fake.handlers['conversations:list'] = ({ tab }) => ({
      rows: [makeConversation(tab === 'handled' ? 7 : 1, { status: tab === 'handled' ? 'handled' : 'in_queue' })],
      nextCursor: null,
    })
    const store = useConversationsStore()
    await store.setTab('in_queue')
    await store.setTab('handled')
    expect(store.lists.in_queue.records[0]?.id).toBe(1)
    expect(store.lists.handled.records[0]?.id).toBe(7)
    expect(store.lists.all.loaded).toBe(false)
  })

  it('drops a reply that a newer request has overtaken', async () => {
    const slow = deferred<ConversationPage>()
    let call = 0
    fake.handlers['conversations:list'] = () => {
      call += 1
      return call === 1 ? slow.promise : { rows: [makeConversation(2)], nextCursor: null }
    }
    const store = useConversationsStore()

    const first = store.loadFirst('all')
    await store.refresh()
    expect(store.lists.all.records.map((c) => c.id)).toEqual([2])

    slow.resolve({ rows: [makeConversation(1)], nextCursor: 'old' })
    await first
    expect(store.lists.all.records.map((c) => c.id)).toEqual([2])
    expect(store.lists.all.cursor).toBeNull()
    expect(store.lists.all.isFetching).toBe(false)
  })

  it('records the error code of a failed page and clears it on the next success', async () => {
    fake.handlers['conversations:list'] = () => {
      throw new FakeIpcFailure({ code: 'internal', message: 'disk on fire' })
    }
    const store = useConversationsStore()
    await store.loadFirst('all')
    expect(store.lists.all.error).toBe('internal')
    expect(store.lists.all.isFetching).toBe(false)

    fake.handlers['conversations:list'] = pagedList(3)
    await store.loadFirst('all')
    expect(store.lists.all.error).toBeNull()
    expect(store.lists.all.records).toHaveLength(3)
  })

  it('rejects a reply that does not match the contract', async () => {
    fake.handlers['conversations:list'] = () => ({ rows: [{ id: 'nope' }], nextCursor: null }) as unknown as ConversationPage
    const store = useConversationsStore()
    await store.loadFirst('all')
    expect(store.lists.all.error).toBe('internal')
    expect(store.lists.all.records).toEqual([])
  })

  it('refreshes the shown tab once for a burst of cache:changed events, keeping what was shown', async () => {
    vi.useFakeTimers()
    let total = 80
    fake.handlers['conversations:list'] = (input) => pagedList(total)(input)
    const store = useConversationsStore()
    store.start()
    await store.setTab('in_queue')
    await store.loadMore()
    await store.setTab('all')
    await store.setTab('in_queue')
    expect(store.lists.in_queue.records).toHaveLength(80)
    const before = fake.calls.length

    total = 81
    for (let i = 0; i < 5; i++) fake.emit('cache:changed', { conversationIds: [81], reset: false })
    await vi.advanceTimersByTimeAsync(REFRESH_COALESCE_MS + 10)
    await flush()

    const refreshes = fake.calls.slice(before)
    expect(refreshes).toHaveLength(1)
    // One read covering everything shown, not just the first page.
    expect(refreshes[0]?.input).toMatchObject({ tab: 'in_queue', cursor: null, limit: 80 })
    // The hidden tab is reloaded when it is shown again.
    expect(store.lists.all.stale).toBe(true)
  })

  it('stops listening after stop()', async () => {
    vi.useFakeTimers()
    fake.handlers['conversations:list'] = pagedList(3)
    const store = useConversationsStore()
    store.start()
    await store.setTab('all')
    store.stop()
    const before = fake.calls.length
    fake.emit('cache:changed', { conversationIds: [1], reset: false })
    await vi.advanceTimersByTimeAsync(REFRESH_COALESCE_MS * 2)
    expect(fake.calls.length).toBe(before)
  })
})
