import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConversationPage } from '../../shared/ipc/contract'
import { PAGE_SIZE, REFRESH_COALESCE_MS, useConversationsStore, WINDOW_PAGES } from '../../renderer/src/stores/conversations'
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
    const total = PAGE_SIZE * 2 + 20
    fake.handlers['conversations:list'] = pagedList(total)
    const store = useConversationsStore()

    await store.setTab('in_queue')
    expect(store.lists.in_queue.records).toHaveLength(PAGE_SIZE)
    expect(store.lists.in_queue.hasMore).toBe(true)

    await store.loadMore()
    await store.loadMore()
    expect(store.lists.in_queue.records.map((c) => c.id)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect(store.lists.in_queue.hasMore).toBe(false)
    expect(store.lists.in_queue.cursor).toBeNull()

    const cursors = fake.calls.map((c) => (c.input as { cursor: string | null }).cursor)
    expect(cursors).toEqual([null, String(PAGE_SIZE), String(PAGE_SIZE * 2)])
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
    let total = PAGE_SIZE + 30
    fake.handlers['conversations:list'] = (input) => pagedList(total)(input)
    const store = useConversationsStore()
    store.start()
    await store.setTab('in_queue')
    await store.loadMore()
    await store.setTab('all')
    await store.setTab('in_queue')
    expect(store.lists.in_queue.records).toHaveLength(PAGE_SIZE + 30)
    const before = fake.calls.length

    total = PAGE_SIZE + 31
    for (let i = 0; i < 5; i++) fake.emit('cache:changed', { conversationIds: [PAGE_SIZE + 31], reset: false })
    await vi.advanceTimersByTimeAsync(REFRESH_COALESCE_MS + 10)
    await flush(40)

    // One refresh, re-reading every page shown (two here), not just the first.
    const refreshes = fake.calls.slice(before).map((c) => c.input as { tab: string; cursor: string | null })
    expect(refreshes.map((r) => [r.tab, r.cursor])).toEqual([
      ['in_queue', null],
      ['in_queue', String(PAGE_SIZE)],
    ])
    expect(store.lists.in_queue.records).toHaveLength(PAGE_SIZE + 31)
    // The hidden tab is reloaded when it is shown again.
    expect(store.lists.all.stale).toBe(true)
  })

  it('shows the queue when a notice about several queued chats asks for it', async () => {
    fake.handlers['conversations:list'] = pagedList(3)
    const store = useConversationsStore()
    store.start()
    await store.setTab('all')
    fake.emit('app:openQueue', {})
    await flush()
    expect(store.activeTab).toBe('in_queue')
    expect(store.lists.in_queue.records).toHaveLength(3)
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'conversations:list', input: { tab: 'in_queue' } })
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

  it('keeps a bounded window over a long tab, dropping pages behind and re-reading them by their cursors', async () => {
    const total = PAGE_SIZE * (WINDOW_PAGES + 3)
    fake.handlers['conversations:list'] = pagedList(total)
    const store = useConversationsStore()
    await store.setTab('all')
    for (let i = 0; i < WINDOW_PAGES + 1; i++) await store.loadMore()

    const list = store.lists.all
    // Twelve pages read, ten kept: the first two were dropped from the window's start.
    expect(list.records).toHaveLength(PAGE_SIZE * WINDOW_PAGES)
    expect(list.base).toBe(PAGE_SIZE * 2)
    expect(list.records[0]?.id).toBe(PAGE_SIZE * 2 + 1)
    expect(list.hasBefore).toBe(true)
    expect(list.hasMore).toBe(true)

    // Scrolling back up re-reads page 1 with the cursor remembered at its start.
    await store.loadBefore()
    expect(fake.calls.at(-1)?.input).toMatchObject({ cursor: String(PAGE_SIZE) })
    expect(list.base).toBe(PAGE_SIZE)
    expect(list.records[0]?.id).toBe(PAGE_SIZE + 1)
    expect(list.records).toHaveLength(PAGE_SIZE * WINDOW_PAGES)
    // The page dropped from the end is read again going down, from where the window now ends.
    expect(list.records.at(-1)?.id).toBe(PAGE_SIZE * (WINDOW_PAGES + 1))
    await store.loadMore()
    expect(list.records.at(-1)?.id).toBe(PAGE_SIZE * (WINDOW_PAGES + 2))
    expect(list.base).toBe(PAGE_SIZE * 2)

    await store.loadBefore()
    await store.loadBefore()
    expect(list.base).toBe(0)
    expect(list.records[0]?.id).toBe(1)
    expect(list.hasBefore).toBe(false)
    await store.loadBefore()
    expect(list.base).toBe(0)
  })

  it('shows a row only once when it moved between two pages while they were read', async () => {
    fake.handlers['conversations:list'] = ({ cursor }) =>
      cursor === null
        ? { rows: [makeConversation(1), makeConversation(2)], nextCursor: 'p1' }
        : { rows: [makeConversation(2), makeConversation(3)], nextCursor: null }
    const store = useConversationsStore()
    await store.setTab('all')
    await store.loadMore()
    expect(store.lists.all.records.map((c) => c.id)).toEqual([1, 2, 3])
  })

  it('reloads from the first page with the new filters when they change', async () => {
    fake.handlers['conversations:list'] = pagedList(PAGE_SIZE * 3)
    const store = useConversationsStore()
    await store.setTab('all')
    await store.loadMore()
    await store.setFilters({ channels: ['email'], search: 'budi' })
    expect(fake.calls.at(-1)?.input).toMatchObject({ tab: 'all', cursor: null, filters: { channels: ['email'], search: 'budi' } })
    expect(store.lists.all.records).toHaveLength(PAGE_SIZE)
    expect(store.lists.all.base).toBe(0)
  })
})

/**
 * A fake cache answering in keyset pages (cursor = the id of the page's last row), whose rows can
 * change between two reads; `hold(cursor)` keeps the page read from that cursor until released.
 */
function keysetList(total: number) {
  let rows = Array.from({ length: total }, (_, i) => makeConversation(i + 1))
  const held = new Map<string | null, ReturnType<typeof deferred<void>>>()
  const handler = async ({ cursor, limit }: { cursor?: string | null; limit?: number }): Promise<ConversationPage> => {
    const gate = held.get(cursor ?? null)
    if (gate) {
      held.delete(cursor ?? null)
      await gate.promise
    }
    const start = cursor ? rows.findIndex((row) => row.id === Number(cursor)) + 1 : 0
    const page = rows.slice(start, start + (limit ?? PAGE_SIZE))
    return { rows: page, nextCursor: start + page.length < rows.length ? String(page.at(-1)!.id) : null }
  }
  return {
    handler,
    hold(cursor: string | null): () => void {
      const gate = deferred<void>()
      held.set(cursor, gate)
      return () => gate.resolve()
    },
    /** New rows come in at the top, as live changes do. */
    prepend(ids: number[]): void {
      rows = [...ids.map((id) => makeConversation(id)), ...rows]
    },
  }
}

describe('a refresh while the window is read on', () => {
  const ids = (store: ReturnType<typeof useConversationsStore>) => store.lists.all.records.map((c) => c.id)
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1)
  /** Five pages in the cache, the All tab showing its first two. */
  async function twoPagesRead() {
    const cache = keysetList(PAGE_SIZE * 5)
    fake.handlers['conversations:list'] = cache.handler
    const store = useConversationsStore()
    await store.setTab('all')
    await store.loadMore()
    return { cache, store }
  }

  it('keeps the page read on that was under way when the refresh began', async () => {
    const { cache, store } = await twoPagesRead()
    const release = cache.hold(String(PAGE_SIZE * 2))
    const readingOn = store.loadMore()
    await store.refresh()
    expect(ids(store)).toEqual(upTo(PAGE_SIZE * 2))
    release()
    await readingOn
    expect(ids(store)).toEqual(upTo(PAGE_SIZE * 3))
    expect(store.lists.all.isFetching).toBe(false)
  })

  it('reads on while a refresh is under way, and the refresh keeps that page when it lands', async () => {
    const { cache, store } = await twoPagesRead()
    // The refresh's second page is slow to come.
    const release = cache.hold(String(PAGE_SIZE))
    const refreshing = store.refresh()
    await flush(5)
    await store.loadMore()
    expect(ids(store)).toEqual(upTo(PAGE_SIZE * 3))
    expect(store.lists.all.isFetching).toBe(true)
    release()
    await refreshing
    expect(ids(store)).toEqual(upTo(PAGE_SIZE * 3))
    expect(store.lists.all.hasMore).toBe(true)
    expect(store.lists.all.isFetching).toBe(false)
  })

  it('leaves no rows out when the refresh ends the window elsewhere than the page read on began', async () => {
    const { cache, store } = await twoPagesRead()
    const release = cache.hold(String(PAGE_SIZE * 2))
    const readingOn = store.loadMore()
    // Five rows come in at the top: the refreshed window ends five rows before where the page read on begins.
    cache.prepend([9001, 9002, 9003, 9004, 9005])
    await store.refresh()
    release()
    await readingOn
    expect(ids(store)).toEqual([9001, 9002, 9003, 9004, 9005, ...upTo(PAGE_SIZE * 3 - 5)])
  })
})

/** A fake cache of `total` conversations that answers both ways: the tab's order, and its opposite from the end. */
function bothWays(total: number) {
  const rows = Array.from({ length: total }, (_, i) => makeConversation(i + 1))
  return ({ sort, cursor, limit }: { sort?: string; cursor?: string | null; limit?: number }): ConversationPage => {
    const ordered = sort === 'waiting_asc' ? [...rows].reverse() : rows
    const start = cursor ? Number(cursor) : 0
    const end = start + (limit ?? PAGE_SIZE)
    return { rows: ordered.slice(start, end), nextCursor: end < ordered.length ? String(end) : null }
  }
}

describe('a window read from the end', () => {
  const total = PAGE_SIZE * (WINDOW_PAGES + 3) + 37
  const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

  it("reads the tab's last page in the opposite order, without paging through the rows before it", async () => {
    fake.handlers['conversations:list'] = bothWays(total)
    const store = useConversationsStore()
    await store.setTab('in_queue')
    const calls = fake.calls.length
    await store.loadLast()
    const list = store.lists.in_queue
    expect(fake.calls.length).toBe(calls + 1)
    expect(fake.calls.at(-1)?.input).toMatchObject({ tab: 'in_queue', sort: 'waiting_asc', cursor: null })
    expect(list.records.map((c) => c.id)).toEqual(ids(total - PAGE_SIZE + 1, total))
    expect(list).toMatchObject({ fromEnd: 0, hasMore: false, hasBefore: true })
  })

  it('pages back towards the start and forward to the end again, mirrored, within the bounded window', async () => {
    fake.handlers['conversations:list'] = bothWays(total)
    const store = useConversationsStore()
    await store.setTab('in_queue')
    await store.loadLast()
    const list = store.lists.in_queue
    await store.loadBefore()
    expect(list.records.map((c) => c.id)).toEqual(ids(total - 2 * PAGE_SIZE + 1, total))
    for (let i = 0; i < WINDOW_PAGES - 1; i++) await store.loadBefore()
    // Eleven pages read back from the end; the window keeps ten, the last one dropped.
    expect(list.records).toHaveLength(WINDOW_PAGES * PAGE_SIZE)
    expect(list.fromEnd).toBe(PAGE_SIZE)
    expect(list.records.at(-1)?.id).toBe(total - PAGE_SIZE)
    expect(list.hasMore).toBe(true)
    await store.loadMore()
    expect(list.records.at(-1)?.id).toBe(total)
    expect(list.fromEnd).toBe(0)
    expect(list.hasMore).toBe(false)
  })

  it('stays at the end through a refresh, and Home reads the start again', async () => {
    fake.handlers['conversations:list'] = bothWays(total)
    const store = useConversationsStore()
    await store.setTab('in_queue')
    await store.loadLast()
    await store.loadBefore()
    await store.refresh()
    const list = store.lists.in_queue
    expect(list.records.map((c) => c.id)).toEqual(ids(total - 2 * PAGE_SIZE + 1, total))
    expect(fake.calls.slice(-2).map((c) => (c.input as { sort: string }).sort)).toEqual(['waiting_asc', 'waiting_asc'])
    await store.loadFirst()
    expect(list.records.map((c) => c.id)).toEqual(ids(1, PAGE_SIZE))
    expect(list).toMatchObject({ fromEnd: null, base: 0, hasBefore: false, hasMore: true })
  })
})
