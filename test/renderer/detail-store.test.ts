import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConversationDetail } from '../../shared/ipc/contract'
import { useCountsStore } from '../../renderer/src/stores/counts'
import { useDetailStore } from '../../renderer/src/stores/detail'
import { useFiltersStore } from '../../renderer/src/stores/filters'
import { createFakeObserve, deferred, FakeIpcFailure, flush, makeConversation, makeMessage, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeObserve()
  window.observe = fake
})

afterEach(() => {
  useDetailStore().stop()
  useCountsStore().stop()
  delete window.observe
})

const cachedDetail = (id: number, messagesCached: boolean): ConversationDetail => ({
  conversation: makeConversation(id),
  messages: messagesCached ? [makeMessage(1, id), makeMessage(2, id, { direction: 'out' })] : [],
  messagesCached,
  earlierMessages: 'none',
})

describe('detail store', () => {
  it('answers from the cache and does not fetch a thread that is already cached', async () => {
    fake.handlers['conversations:get'] = ({ id }) => cachedDetail(id, true)
    const store = useDetailStore()
    await store.open(4)
    expect(store.detail?.conversation.id).toBe(4)
    expect(store.detail?.messages).toHaveLength(2)
    expect(fake.calls.map((c) => c.channel)).toEqual(['conversations:get'])
  })

  it('fetches the thread when it is not cached yet', async () => {
    fake.handlers['conversations:get'] = ({ id }) => cachedDetail(id, false)
    fake.handlers['conversations:loadMessages'] = ({ id }) => cachedDetail(id, true)
    const store = useDetailStore()
    await store.open(4)
    expect(fake.calls.map((c) => c.channel)).toEqual(['conversations:get', 'conversations:loadMessages'])
    expect(store.detail?.messages).toHaveLength(2)
    expect(store.isLoadingMessages).toBe(false)
  })

  it('says offline when the thread cannot be fetched, keeping the cached conversation', async () => {
    fake.handlers['conversations:get'] = ({ id }) => cachedDetail(id, false)
    fake.handlers['conversations:loadMessages'] = () => {
      throw new FakeIpcFailure({ code: 'offline', message: 'no network' })
    }
    const store = useDetailStore()
    await store.open(4)
    expect(store.messagesError).toBe('offline')
    expect(store.error).toBeNull()
    expect(store.detail?.conversation.id).toBe(4)
  })

  it('ignores the answer for a conversation the user has already left', async () => {
    const slow = deferred<ConversationDetail>()
    fake.handlers['conversations:get'] = ({ id }) => (id === 1 ? slow.promise : cachedDetail(id, true))
    const store = useDetailStore()
    const first = store.open(1)
    await store.open(2)
    slow.resolve(cachedDetail(1, true))
    await first
    expect(store.detail?.conversation.id).toBe(2)
  })

  it('re-reads the open conversation when the cache says it changed', async () => {
    let status: 'in_queue' | 'handled' = 'in_queue'
    fake.handlers['conversations:get'] = ({ id }) => ({ ...cachedDetail(id, true), conversation: makeConversation(id, { status }) })
    const store = useDetailStore()
    store.start()
    await store.open(3)
    status = 'handled'
    fake.emit('cache:changed', { conversationIds: [9], reset: false })
    await flush()
    expect(store.detail?.conversation.status).toBe('in_queue')
    fake.emit('cache:changed', { conversationIds: [3], reset: false })
    await flush()
    expect(store.detail?.conversation.status).toBe('handled')
  })
})

describe('counts store', () => {
  it('takes pushed counts over a read still in flight', async () => {
    const slow = deferred<{ all: number; in_queue: number; handled: number }>()
    fake.handlers['conversations:counts'] = () => slow.promise
    const store = useCountsStore()
    store.start()
    const load = store.load()
    fake.emit('counts:changed', { all: 10, in_queue: 4, handled: 6 })
    slow.resolve({ all: 9, in_queue: 3, handled: 6 })
    await load
    expect(store.counts).toEqual({ all: 10, in_queue: 4, handled: 6 })
  })

  it('keeps the whole queue size apart from the filtered counts, read once when filters come first', async () => {
    fake.handlers['conversations:counts'] = ({ filters }) =>
      Object.keys(filters ?? {}).length ? { all: 5, in_queue: 1, handled: 2 } : { all: 50, in_queue: 12, handled: 20 }
    const store = useCountsStore()
    store.start()
    await store.setFilters({ channels: ['email'] })
    expect(store.counts).toEqual({ all: 5, in_queue: 1, handled: 2 })
    await flush()
    expect(store.waiting).toBe(12)
    // A push is the unfiltered counts: the queue follows it, the filtered counts are read again.
    fake.emit('counts:changed', { all: 51, in_queue: 13, handled: 20 })
    expect(store.waiting).toBe(13)
    expect(store.counts).toEqual({ all: 5, in_queue: 1, handled: 2 })
    // Without filters the counts read are the queue's too.
    await store.setFilters({})
    expect(store.waiting).toBe(12)
    expect(fake.calls.filter((c) => c.channel === 'conversations:counts')).toHaveLength(3)
  })

  it('drops a pushed payload that breaks the contract', () => {
    const store = useCountsStore()
    store.start()
    fake.emit('counts:changed', { all: -1, in_queue: 0, handled: 0 })
    expect(store.counts).toBeNull()
  })
})

describe('detail store, back online', () => {
  it('loads a thread that failed offline once the connection is back', async () => {
    let online = false
    fake.handlers['conversations:get'] = ({ id }) => cachedDetail(id, false)
    fake.handlers['conversations:loadMessages'] = ({ id }) => {
      if (!online) throw new FakeIpcFailure({ code: 'offline', message: 'no network' })
      return cachedDetail(id, true)
    }
    const store = useDetailStore()
    store.start()
    await store.open(5)
    expect(store.messagesError).toBe('offline')

    online = true
    fake.emit('connection:changed', { status: 'online', lastSyncedAt: 1, server: 'http://x', error: null })
    await flush()
    expect(store.messagesError).toBeNull()
    expect(store.detail?.messages).toHaveLength(2)
  })

  const onlineAt = (lastSyncedAt: number) => ({ status: 'online' as const, lastSyncedAt, server: 'http://x', error: null })

  it('fetches a thread that failed offline again as the connection comes back, not at every state told while online', async () => {
    fake.handlers['conversations:get'] = ({ id }) => cachedDetail(id, false)
    fake.handlers['conversations:loadMessages'] = () => {
      throw new FakeIpcFailure({ code: 'offline', message: 'no network' })
    }
    const fetches = () => fake.calls.filter((c) => c.channel === 'conversations:loadMessages').length
    const store = useDetailStore()
    store.start()
    fake.emit('connection:changed', onlineAt(1))
    await store.open(5)
    expect(fetches()).toBe(1)

    // Each sync tells a new lastSyncedAt: nothing came back, so nothing is fetched again.
    for (let at = 2; at < 6; at++) fake.emit('connection:changed', onlineAt(at))
    await flush()
    expect(fetches()).toBe(1)

    fake.emit('connection:changed', { ...onlineAt(6), status: 'offline' })
    fake.emit('connection:changed', onlineAt(7))
    await flush()
    expect(fetches()).toBe(2)
  })

  it('shows a thread the core wrote after the page gave up on it, read from the cache as the connection comes back', async () => {
    let written = false
    fake.handlers['conversations:get'] = ({ id }) => cachedDetail(id, written)
    fake.handlers['conversations:loadMessages'] = () => {
      throw new FakeIpcFailure({ code: 'offline', message: 'no network' })
    }
    const store = useDetailStore()
    store.start()
    await store.open(5)
    expect(store.messagesError).toBe('offline')

    written = true
    fake.emit('connection:changed', onlineAt(1))
    await flush()
    expect(store.detail?.messages).toHaveLength(2)
    expect(store.messagesError).toBeNull()
    expect(fake.calls.filter((c) => c.channel === 'conversations:loadMessages')).toHaveLength(1)
  })
})

describe('detail store, reading back a long thread', () => {
  type Read = { id: number; newest?: number; before?: number }
  /** A thread of `total` messages, ids 1.., of which the cache holds the newest `cached`; answers as the cache does. */
  function longThread(total: number, cached: number): (input: Read) => ConversationDetail {
    const answer = ({ id, newest = 200, before }: Read): ConversationDetail => {
      // The cache holds messages total - cached + 1 to total; a page before a message ends just above it.
      const end = before === undefined ? total + 1 : before
      const from = Math.max(total - cached + 1, end - newest)
      return {
        conversation: makeConversation(id),
        messages: Array.from({ length: end - from }, (_, i) => makeMessage(from + i, id)),
        messagesCached: true,
        earlierMessages: from > total - cached + 1 ? 'cached' : cached < total ? 'server' : 'none',
        ...(before === undefined ? {} : { before }),
      }
    }
    fake.handlers['conversations:get'] = answer
    fake.handlers['conversations:loadEarlierMessages'] = (input) => {
      cached = Math.min(total, cached + 2000)
      return answer(input)
    }
    return answer
  }

  it('reads a window further back from the cache, then asks the server, and starts again at the newest for the next chat', async () => {
    longThread(2500, 2000)
    const store = useDetailStore()
    await store.open(7)
    expect(fake.calls.at(-1)).toEqual({ channel: 'conversations:get', input: { id: 7, newest: 200 } })
    expect(store.detail?.messages).toHaveLength(200)
    expect(store.detail?.earlierMessages).toBe('cached')

    // Only the page older than the oldest shown, added above the messages shown as they were.
    const shown = store.detail!.messages
    await store.showEarlier()
    expect(fake.calls.at(-1)).toEqual({ channel: 'conversations:get', input: { id: 7, newest: 200, before: 2301 } })
    expect(store.detail?.messages[0]?.id).toBe(2101)
    expect(store.detail?.messages).toHaveLength(400)
    expect(store.detail!.messages[200]).toBe(shown[0])

    for (let i = 0; i < 8; i++) await store.showEarlier()
    expect(store.detail?.messages).toHaveLength(2000)
    expect(store.detail?.earlierMessages).toBe('server')

    await store.showEarlier()
    expect(fake.calls.at(-1)).toEqual({ channel: 'conversations:loadEarlierMessages', input: { id: 7, newest: 200, before: 501 } })
    expect(store.detail?.messages[0]?.id).toBe(301)

    // A live change asks for what is newer than the messages shown, keeping the oldest shown.
    store.start()
    fake.emit('cache:changed', { conversationIds: [7], reset: false })
    await flush()
    expect(fake.calls.at(-1)).toEqual({ channel: 'conversations:get', input: { id: 7, newest: 2200, keepFrom: 301, held: { after: 2500, held: 2200 } } })

    await store.open(8)
    expect(fake.calls.at(-1)).toEqual({ channel: 'conversations:get', input: { id: 8, newest: 200 } })
  })

  it('adds only what is newer at a live change, keeping the messages shown as they were', async () => {
    longThread(2500, 2500)
    const store = useDetailStore()
    store.start()
    await store.open(7)
    for (let i = 0; i < 10; i++) await store.showEarlier()
    const shown = store.detail!.messages
    expect(shown).toHaveLength(2200)
    fake.handlers['conversations:get'] = ({ id, held }: { id: number; held?: { after: number } }): ConversationDetail => ({
      conversation: makeConversation(id),
      messages: held ? [makeMessage(held.after + 1, id)] : [],
      messagesCached: true,
      earlierMessages: 'cached',
      ...(held ? { after: held.after } : {}),
    })
    fake.emit('cache:changed', { conversationIds: [7], reset: false })
    await flush()
    expect(store.detail!.messages).toHaveLength(2201)
    expect(store.detail!.messages.at(-1)!.id).toBe(2501)
    // The same message objects: the page has nothing of them to draw again.
    expect(store.detail!.messages[0]).toBe(shown[0])
    expect(store.detail!.messages[2199]).toBe(shown[2199])
  })

  it('lets go of as many of the oldest messages shown as an answer at the cap says, adding what is newer', async () => {
    longThread(2500, 2500)
    const store = useDetailStore()
    store.start()
    await store.open(7)
    const shown = store.detail!.messages
    // As the core answers a page holding all it can: two new messages, and two of the oldest to let go of.
    fake.handlers['conversations:get'] = ({ id, held }: { id: number; held?: { after: number } }): ConversationDetail => ({
      conversation: makeConversation(id),
      messages: held ? [makeMessage(held.after + 1, id), makeMessage(held.after + 2, id)] : [],
      messagesCached: true,
      earlierMessages: 'cached',
      ...(held ? { after: held.after, drop: 2 } : {}),
    })
    fake.emit('cache:changed', { conversationIds: [7], reset: false })
    await flush()
    expect(store.detail!.messages.map((m) => m.id)).toEqual(Array.from({ length: 200 }, (_, i) => 2303 + i))
    expect(store.detail!.messages[0]).toBe(shown[2])
  })

  it('keeps a live message that comes while earlier messages are read, and adds both', async () => {
    const cache = longThread(2500, 2500)
    const store = useDetailStore()
    store.start()
    await store.open(7)
    const page = deferred<ConversationDetail>()
    fake.handlers['conversations:get'] = (input: Read & { held?: { after: number } }) => {
      if (input.before !== undefined) return page.promise
      if (input.held) return { ...cache(input), messages: [makeMessage(input.held.after + 1, input.id)], after: input.held.after }
      return cache(input)
    }
    const pressed = store.showEarlier()
    fake.emit('cache:changed', { conversationIds: [7], reset: false })
    await flush()
    expect(store.detail!.messages.at(-1)!.id).toBe(2501)
    page.resolve(cache({ id: 7, before: 2301 }))
    await pressed
    expect(store.detail!.messages.map((m) => m.id)).toEqual(Array.from({ length: 401 }, (_, i) => 2101 + i))
    expect(store.isLoadingEarlier).toBe(false)
  })

  it('says earlier messages need a connection, keeping what is shown', async () => {
    longThread(2500, 200)
    fake.handlers['conversations:loadEarlierMessages'] = () => {
      throw new FakeIpcFailure({ code: 'offline', message: 'no network' })
    }
    const store = useDetailStore()
    await store.open(7)
    await store.showEarlier()
    expect(store.earlierError).toBe('offline')
    expect(store.isLoadingEarlier).toBe(false)
    expect(store.detail?.messages).toHaveLength(200)
  })
})

describe('detail store, under a search', () => {
  it('holds the thread back to the search’s match when it opens or the search changes, not at every change of the chat', async () => {
    fake.handlers['conversations:get'] = ({ id }) => cachedDetail(id, true)
    useFiltersStore().filters.search = 'zebra'
    const store = useDetailStore()
    store.start()
    await store.open(4)
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'conversations:get', input: { id: 4, reach: 'zebra' } })
    // A change of the chat keeps the window it has: no search of the whole thread again.
    fake.emit('cache:changed', { conversationIds: [4], reset: false })
    await flush()
    expect(fake.calls.at(-1)!.input).not.toHaveProperty('reach')
    useFiltersStore().filters.search = 'kuda'
    await flush()
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'conversations:get', input: { id: 4, reach: 'kuda' } })
  })
})
