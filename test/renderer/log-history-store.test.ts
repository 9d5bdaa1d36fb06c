import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcInput } from '../../shared/ipc/contract'
import type { LogPage } from '../../shared/ipc/log-history'
import { startOfDay } from '../../renderer/src/stores/filters'
import { LOG_STORAGE_KEY } from '../../renderer/src/stores/page-state'
import { LOG_CATCH_UP_MAX, LOG_KEEP, LOG_PAGE_SIZE, toLogQuery, useLogHistoryStore } from '../../renderer/src/stores/log-history'
import { isOlder, mergeRun } from '../../renderer/src/utils/log-entries'
import { createFakeObserve, deferred, FakeIpcFailure, fakeLog, makeLogEntry, type FakeLog, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve
let log: FakeLog

/** Entries `from`..`to` (ids), as the cache would hold them. */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => makeLogEntry(from + i))
/** Newest first, one after another, no id twice. */
const descending = (count: number, top: number) => Array.from({ length: count }, (_, i) => top - i)
const ids = () => useLogHistoryStore().entries.map((entry) => entry.id)
const listCalls = () => fake.calls.filter((c) => c.channel === 'log:list').map((c) => c.input as IpcInput<'log:list'>)

beforeEach(() => {
  setActivePinia(createPinia())
  window.localStorage.clear()
  fake = createFakeObserve()
  log = fakeLog(fake, range(1, 120))
  window.observe = fake
})

afterEach(() => {
  useLogHistoryStore().stop()
  delete window.observe
})

describe('the Log History store', () => {
  it('reads the newest page first, then older pages on demand, down to the end', async () => {
    const store = useLogHistoryStore()
    await store.refresh()
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, 120))
    expect(store.hasOlder).toBe(true)

    await store.loadOlder()
    await store.loadOlder()
    expect(ids()).toEqual(descending(120, 120))
    expect(store.hasOlder).toBe(false)
    expect(listCalls()).toEqual([
      { before: null, limit: LOG_PAGE_SIZE },
      { before: 71, limit: LOG_PAGE_SIZE },
      { before: 21, limit: LOG_PAGE_SIZE },
    ])
    // Nothing older: no read.
    await store.loadOlder()
    expect(listCalls()).toHaveLength(3)
  })

  it('puts new hand-offs on top on log:changed, keeping the older pages read, each entry once', async () => {
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    await store.loadOlder()
    expect(ids()).toEqual(descending(100, 120))

    log.add(...range(121, 123))
    await flushPromises()
    expect(ids()).toEqual(descending(103, 123))
    expect(new Set(ids()).size).toBe(ids().length)
    // Reading on below still starts where the older pages stopped.
    await store.loadOlder()
    expect(ids()).toEqual(descending(123, 123))
    expect(listCalls().at(-1)).toEqual({ before: 21, limit: LOG_PAGE_SIZE })
  })

  it('holds no more than the newest few pages through a long shift, reading the rest again under Show older', async () => {
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    // A shift's hand-offs, a few at a time, with nobody reading further down.
    for (let top = 120; top < 120 + 3 * LOG_KEEP; top += 30) {
      log.add(...range(top + 1, top + 30))
      await flushPromises()
    }
    const newest = 120 + 3 * LOG_KEEP
    expect(ids()).toEqual(descending(LOG_KEEP, newest))
    // Show older reads on from the last kept: no hole, no entry twice.
    await store.loadOlder()
    expect(ids()).toEqual(descending(LOG_KEEP + LOG_PAGE_SIZE, newest))
    // Once older pages were asked for, what they brought stays as more arrive.
    log.add(...range(newest + 1, newest + 30))
    await flushPromises()
    expect(ids()).toEqual(descending(LOG_KEEP + LOG_PAGE_SIZE + 30, newest + 30))
  })

  it('takes the fresh copy of an entry: a chat that has left the cache says so', async () => {
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    log.entries = log.entries.map((entry) => (entry.id === 118 ? { ...entry, conversation: null } : entry))
    fake.emit('log:changed', {})
    await flushPromises()
    expect(store.entries.find((entry) => entry.id === 118)?.conversation).toBeNull()
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, 120))
  })

  it('reads down to what it holds when more arrived than a page, leaving no hole between', async () => {
    log.entries = range(1, 400)
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    await store.loadOlder()
    expect(ids()).toEqual(descending(100, 400))
    log.add(...range(401, 401 + 2 * LOG_PAGE_SIZE))
    await flushPromises()
    // The newest page, then a larger one from under it, which reads past the rows held: on from its end.
    expect(listCalls().slice(-2)).toEqual([
      { before: null, limit: LOG_PAGE_SIZE },
      { before: 452, limit: 200 },
    ])
    expect(ids()).toEqual(descending(250, 501))
    await store.loadOlder()
    expect(listCalls().at(-1)).toEqual({ before: 252, limit: LOG_PAGE_SIZE })
    expect(ids()).toEqual(descending(300, 501))
  })

  it('starts over from the newest when far more arrived than it would read to catch up', async () => {
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    await store.loadOlder()
    log.add(...range(121, 121 + LOG_CATCH_UP_MAX + 300))
    await flushPromises()
    const top = 121 + LOG_CATCH_UP_MAX + 300
    // Every row shown is one unbroken run from the newest: what would have been below the hole is gone.
    expect(ids()[0]).toBe(top)
    expect(ids()).toEqual(descending(ids().length, top))
    expect(ids().at(-1)).toBeGreaterThan(120)
    expect(store.hasOlder).toBe(true)
  })

  it('forgets what it held when the log was emptied or filled anew', async () => {
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    await store.loadOlder()
    log.entries = []
    fake.emit('log:changed', {})
    await flushPromises()
    expect(ids()).toEqual([])
    expect(store.hasOlder).toBe(false)

    await store.refresh()
    // Another data set whose ids cross the ones held: its entries only, not a mix.
    log.entries = range(1, 120)
    await store.refresh()
    await store.loadOlder()
    log.entries = range(1, 130).map((entry) => ({ ...entry, conversationId: entry.conversationId + 5000 }))
    fake.emit('log:changed', {})
    await flushPromises()
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, 130))
    expect(store.entries.every((entry) => entry.conversationId > 5000)).toBe(true)
  })

  it('reads one page at a time: events during a read make one more read after it, an older page waits its turn', async () => {
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    const serve = fake.handlers['log:list']!
    let inFlight = 0
    let most = 0
    const gates: (() => void)[] = []
    fake.handlers['log:list'] = async (input) => {
      inFlight += 1
      most = Math.max(most, inFlight)
      const gate = deferred<void>()
      gates.push(() => gate.resolve())
      await gate.promise
      inFlight -= 1
      return serve(input) as LogPage
    }
    const before = listCalls().length
    log.add(makeLogEntry(121))
    log.add(makeLogEntry(122))
    log.add(makeLogEntry(123))
    const older = store.loadOlder()
    await flushPromises()
    // One read under way; the rest are waiting, not racing it.
    expect(listCalls().length - before).toBe(1)
    while (gates.length > 0) {
      gates.shift()!()
      await flushPromises()
    }
    await older
    expect(most).toBe(1)
    // The first read, one more for the events during it, and the older page.
    expect(listCalls().length - before).toBe(3)
    expect(ids()).toEqual(descending(103, 123))
  })

  it('keeps the rows shown when a re-read fails, and says so until one succeeds', async () => {
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    const serve = fake.handlers['log:list']!
    fake.handlers['log:list'] = () => {
      throw new FakeIpcFailure({ code: 'internal', message: 'cache busy' })
    }
    log.add(makeLogEntry(121))
    await flushPromises()
    expect(store.error).toBe('internal')
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, 120))
    fake.handlers['log:list'] = serve
    await store.refresh()
    expect(store.error).toBeNull()
    expect(ids()[0]).toBe(121)
  })

  it('drops a read under way for a session that ended, and stops listening when stopped', async () => {
    const store = useLogHistoryStore()
    store.start()
    const serve = fake.handlers['log:list']!
    const held = deferred<LogPage>()
    fake.handlers['log:list'] = () => held.promise
    const first = store.refresh()
    await flushPromises()
    expect(listCalls()).toHaveLength(1)
    store.clear()
    held.resolve(serve({ before: null, limit: LOG_PAGE_SIZE }) as LogPage)
    await first
    expect(store.loaded).toBe(false)
    expect(ids()).toEqual([])

    fake.handlers['log:list'] = serve
    store.stop()
    const calls = listCalls().length
    log.add(makeLogEntry(121))
    await flushPromises()
    expect(listCalls()).toHaveLength(calls)
  })
})

describe('the Log History filters', () => {
  const DAY = 86_400_000

  it('narrows every read, the newest page and the older ones, to the agent and the time picked', async () => {
    // Agent 7 received every third hand-off; the rest went to agent 8.
    log.entries = range(1, 150).map((entry) => ({ ...entry, toAgentId: entry.id % 3 === 0 ? 7 : 8 }))
    const store = useLogHistoryStore()
    await store.refresh()
    await store.setFilters({ agentId: 7, date: null })
    expect(ids()).toEqual(descending(150, 150).filter((id) => id % 3 === 0))
    expect(store.hasOlder).toBe(false)
    expect(store.narrowedBy).toBe('agent')
    expect(listCalls().at(-1)).toEqual({ agentId: 7, before: null, limit: LOG_PAGE_SIZE })

    // Agent 8's hand-offs take two pages; the older one is read with the same filter.
    await store.setFilters({ agentId: 8, date: null })
    expect(store.hasOlder).toBe(true)
    await store.loadOlder()
    expect(listCalls().at(-1)).toEqual({ agentId: 8, before: ids()[LOG_PAGE_SIZE - 1], limit: LOG_PAGE_SIZE })
    expect(ids()).toEqual(descending(150, 150).filter((id) => id % 3 !== 0))

    // A custom range with no day picked yet narrows nothing.
    await store.setFilters({ agentId: null, date: { preset: 'custom', from: null, to: null } })
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, 150))
    expect(store.narrowedBy).toBe(null)
    await store.setFilters({ agentId: null, date: { preset: 'today' } })
    expect(store.narrowedBy).toBe('time')
    await store.setFilters({ agentId: 7, date: { preset: 'custom', from: null, to: '2026-12-04' } })
    expect(store.narrowedBy).toBe('agentAndTime')
  })

  it('turns a date preset into bounds as of each read, local days, the end exclusive', async () => {
    const now = new Date(2026, 11, 4, 15, 30).getTime()
    const midnight = new Date(2026, 11, 4).getTime()
    expect(toLogQuery({ agentId: null, date: { preset: 'today' } }, now)).toEqual({ from: midnight, to: midnight + DAY })
    expect(toLogQuery({ agentId: 7, date: { preset: 'custom', from: '2026-12-01', to: '2026-12-02' } }, now)).toEqual({
      agentId: 7,
      from: new Date(2026, 11, 1).getTime(),
      to: new Date(2026, 11, 3).getTime(),
    })
    expect(toLogQuery({ agentId: null, date: null }, now)).toEqual({})

    const store = useLogHistoryStore()
    await store.setFilters({ agentId: null, date: { preset: 'today' } })
    const today = startOfDay(Date.now())
    expect(listCalls().at(-1)).toEqual({ from: today, to: startOfDay(Date.now(), 1), before: null, limit: LOG_PAGE_SIZE })
  })

  it('keeps the entries in view until the narrowed ones replace them, and drops a read for the old filters', async () => {
    const store = useLogHistoryStore()
    await store.refresh()
    await store.loadOlder()
    const serve = fake.handlers['log:list']!
    const held = deferred<LogPage>()
    fake.handlers['log:list'] = () => held.promise
    const stale = store.refresh()
    await flushPromises()

    fake.handlers['log:list'] = serve
    const narrowed = store.setFilters({ agentId: 99, date: null })
    // No blink to a loading state, and no older page to read for filters that are gone.
    expect(store.loaded).toBe(true)
    expect(ids()).toHaveLength(100)
    expect(store.hasOlder).toBe(false)
    held.resolve(serve({ before: null, limit: LOG_PAGE_SIZE }) as LogPage)
    await Promise.all([stale, narrowed])
    expect(ids()).toEqual([])
    expect(store.loaded).toBe(true)
  })

  it('says it could not read rather than show the entries of other filters', async () => {
    const store = useLogHistoryStore()
    await store.refresh()
    fake.handlers['log:list'] = () => {
      throw new FakeIpcFailure({ code: 'internal', message: 'cache busy' })
    }
    await store.setFilters({ agentId: 7, date: null })
    expect(store.error).toBe('internal')
    expect(ids()).toEqual([])
  })

  it('remembers the filters across restarts, reading under them from the first read, and forgets them with the session', async () => {
    await useLogHistoryStore().setFilters({ agentId: 7, date: { preset: 'last7' } })

    // A restart: a new store, the same storage.
    setActivePinia(createPinia())
    const store = useLogHistoryStore()
    expect(store.filters).toEqual({ agentId: 7, date: { preset: 'last7' } })
    await store.refresh()
    expect(listCalls().at(-1)).toEqual({ agentId: 7, from: startOfDay(Date.now(), -6), to: startOfDay(Date.now(), 1), before: null, limit: LOG_PAGE_SIZE })

    store.clear()
    expect(store.filters).toEqual({ agentId: null, date: null })
    expect(store.narrowedBy).toBe(null)
    setActivePinia(createPinia())
    expect(useLogHistoryStore().filters).toEqual({ agentId: null, date: null })
  })

  it('starts with no filters when what is stored does not parse', () => {
    for (const stored of ['{"agentId":"seven","date":null}', '{"agentId":7,"date":{"preset":"yesterday"}}', 'not json']) {
      window.localStorage.setItem(LOG_STORAGE_KEY, stored)
      setActivePinia(createPinia())
      expect(useLogHistoryStore().filters).toEqual({ agentId: null, date: null })
    }
  })
})

describe("the log's end", () => {
  it('End holds the log from its oldest entry, shown newest first, newer pages read above it on demand, without paging down to it', async () => {
    log.entries = range(1, 620)
    const store = useLogHistoryStore()
    await store.refresh()
    await store.readEdge('end')
    // One read, of the log's last page: the first oldest first.
    expect(listCalls().at(-1)).toEqual({ order: 'oldest_first', before: null, limit: LOG_PAGE_SIZE })
    expect(listCalls()).toHaveLength(2)
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, LOG_PAGE_SIZE))
    expect([store.fromEnd, store.hasOlder, store.hasNewer]).toEqual([true, false, true])

    await store.loadNewer()
    expect(listCalls().at(-1)).toEqual({ order: 'oldest_first', before: LOG_PAGE_SIZE, limit: LOG_PAGE_SIZE })
    expect(ids()).toEqual(descending(2 * LOG_PAGE_SIZE, 2 * LOG_PAGE_SIZE))
    // Show older means nothing here: nothing is older.
    await store.loadOlder()
    expect(listCalls()).toHaveLength(3)

    await store.readEdge('start')
    expect(listCalls().at(-1)).toEqual({ before: null, limit: LOG_PAGE_SIZE })
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, 620))
    expect([store.fromEnd, store.hasOlder, store.hasNewer]).toEqual([false, true, false])
  })

  it('reading up to the newest from the end holds the log whole, where new hand-offs come in on top', async () => {
    log.entries = range(1, 70)
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    await store.readEdge('end')
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, LOG_PAGE_SIZE))
    await store.loadNewer()
    expect(ids()).toEqual(descending(70, 70))
    expect([store.fromEnd, store.hasOlder, store.hasNewer]).toEqual([false, false, false])
    log.add(...range(71, 72))
    await flushPromises()
    expect(ids()).toEqual(descending(72, 72))
  })

  it('held from the oldest, stays there as new hand-offs arrive, and lets go of those that left with the window', async () => {
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    await store.readEdge('end')
    log.add(...range(121, 125))
    await flushPromises()
    expect(listCalls().at(-1)).toEqual({ order: 'oldest_first', before: null, limit: LOG_PAGE_SIZE })
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, LOG_PAGE_SIZE))

    // The oldest five are past the retention window: the oldest kept is the last row now.
    log.entries = log.entries.filter((entry) => entry.id > 5)
    fake.emit('log:changed', {})
    await flushPromises()
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, LOG_PAGE_SIZE + 5))
    expect(store.hasNewer).toBe(true)
  })

  it('leaves what it holds when an end cannot be read, and says so where reading on would go', async () => {
    const store = useLogHistoryStore()
    await store.refresh()
    const serve = fake.handlers['log:list']!
    fake.handlers['log:list'] = () => {
      throw new FakeIpcFailure({ code: 'internal', message: 'cache busy' })
    }
    await store.readEdge('end')
    expect(ids()).toEqual(descending(LOG_PAGE_SIZE, 120))
    expect([store.fromEnd, store.olderError, store.error]).toEqual([false, 'internal', null])
    fake.handlers['log:list'] = serve
    await store.readEdge('end')
    expect([store.fromEnd, store.olderError]).toEqual([true, null])
  })

  it('reads a narrowed log from its newest again, wherever the last one was held from', async () => {
    log.entries = range(1, 150).map((entry) => ({ ...entry, toAgentId: entry.id % 3 === 0 ? 7 : 8 }))
    const store = useLogHistoryStore()
    await store.refresh()
    await store.readEdge('end')
    await store.setFilters({ agentId: 7, date: null })
    expect(listCalls().at(-1)).toEqual({ agentId: 7, before: null, limit: LOG_PAGE_SIZE })
    expect(ids()).toEqual(Array.from({ length: LOG_PAGE_SIZE }, (_, i) => 150 - 3 * i))
    expect(store.fromEnd).toBe(false)
    await store.readEdge('end')
    expect(listCalls().at(-1)).toEqual({ agentId: 7, order: 'oldest_first', before: null, limit: LOG_PAGE_SIZE })
    expect(ids().at(-1)).toBe(3)
  })
})

describe('the order of the log', () => {
  it('reads, pages and merges newest first by time, the id breaking ties, when ids and times disagree', async () => {
    // The server's clock stepped back: ids 61..120 were stamped before ids 1..60.
    log.entries = range(1, 120).map((entry) => ({ ...entry, at: entry.id <= 60 ? 10_000_000 + entry.id * 1000 : 1_000_000 + entry.id * 1000 }))
    const timeOrder = [...descending(60, 60), ...descending(60, 120)]
    const store = useLogHistoryStore()
    store.start()
    await store.refresh()
    await store.loadOlder()
    expect(ids()).toEqual(timeOrder.slice(0, 100))
    await store.loadOlder()
    expect(ids()).toEqual(timeOrder)

    log.add({ ...makeLogEntry(121), at: 20_000_000 }, { ...makeLogEntry(122), at: 20_000_000 })
    await flushPromises()
    expect(ids()).toEqual([122, 121, ...timeOrder])
    expect(isOlder({ id: 121, at: 5 }, { id: 122, at: 5 })).toBe(true)
    expect(isOlder({ id: 122, at: 4 }, { id: 121, at: 5 })).toBe(true)
  })
})

describe('merging a fresh run from the end the log is held from', () => {
  const page = (from: number, to: number, nextBefore: number | null) => ({ entries: range(from, to).reverse(), nextBefore })

  it('keeps the older entries held below a run that reaches them, and reads on from the deeper of the two', () => {
    const merged = mergeRun(page(50, 100, 50), page(90, 110, 90), 'newest_first')
    expect(merged.entries.map((e) => e.id)).toEqual(descending(61, 110))
    expect(merged.nextBefore).toBe(50)
    expect(mergeRun(page(50, 100, 50), page(40, 110, 40), 'newest_first').nextBefore).toBe(40)
  })

  it('takes a run that holds the whole log as the log', () => {
    const merged = mergeRun(page(50, 100, 50), page(1, 10, null), 'newest_first')
    expect(merged.entries.map((e) => e.id)).toEqual(descending(10, 10))
    expect(merged.nextBefore).toBeNull()
  })

  it('starts over from a run that stops short of what is held, or holds an entry otherwise', () => {
    expect(mergeRun(page(50, 100, 50), page(105, 110, 105), 'newest_first').entries.map((e) => e.id)).toEqual(descending(6, 110))
    const rewritten = page(90, 110, 90)
    rewritten.entries = rewritten.entries.filter((entry) => entry.id !== 95)
    expect(mergeRun(page(50, 100, 50), rewritten, 'newest_first').nextBefore).toBe(90)
  })
})

describe('merging the oldest entries, held from the end of the log', () => {
  const page = (from: number, to: number, nextBefore: number | null) => ({ entries: range(from, to), nextBefore })

  it('keeps the newer entries held above a run that reaches them, and lets go of entries the log no longer has', () => {
    const merged = mergeRun(page(1, 100, 100), page(1, 50, 50), 'oldest_first')
    expect(merged.entries.map((e) => e.id)).toEqual(range(1, 100).map((e) => e.id))
    expect(merged.nextBefore).toBe(100)
    // The oldest left with the window: what was held past the run may not be this log any more.
    expect(mergeRun(page(1, 100, 100), page(6, 55, 55), 'oldest_first')).toMatchObject({ nextBefore: 55 })
    expect(mergeRun(page(1, 100, 100), page(6, 55, 55), 'oldest_first').entries).toHaveLength(50)
  })
})
