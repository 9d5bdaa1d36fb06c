import { afterEach, expect, it, vi } from 'vitest'
import { CoreEvents } from '../../electron/main/core-events'

afterEach(() => vi.useRealTimers())

type CachePayload = { conversationIds: number[]; reset: boolean }

function setup(intervalMs = 30) {
  vi.useFakeTimers()
  const state = { counts: { all: 1, in_queue: 1, handled: 0 } }
  const events = new CoreEvents(() => state.counts, intervalMs)
  const cache: CachePayload[] = []
  const badges: unknown[] = []
  const connection: unknown[] = []
  events.on('cache:changed', (p) => cache.push(p))
  events.on('counts:changed', (p) => badges.push(p))
  events.on('connection:changed', (p) => connection.push(p))
  return { events, state, cache, badges, connection }
}

it('sends the first change after a quiet period on the next turn of the event loop, not after the interval', () => {
  const { events, cache, badges } = setup()
  events.cacheChanged([7], false)
  // Nothing synchronous: the commit that reported it finishes first.
  expect(cache).toEqual([])
  vi.advanceTimersByTime(0)
  expect(cache).toEqual([{ conversationIds: [7], reset: false }])
  expect(badges).toEqual([{ all: 1, in_queue: 1, handled: 0 }])
  events.dispose()
})

it('changes of the same tick ride along with the leading flush', () => {
  const { events, cache } = setup()
  events.cacheChanged([1], false)
  events.cacheChanged([2, 1], false)
  events.cacheChanged([3], false)
  vi.advanceTimersByTime(0)
  expect(cache).toEqual([{ conversationIds: [1, 2, 3], reset: false }])
  events.dispose()
})

it('coalesces the rest of a burst into one trailing event per interval', () => {
  const { events, cache } = setup(30)
  const at: number[] = []
  events.on('cache:changed', () => at.push(Date.now()))
  events.cacheChanged([1], false)
  vi.advanceTimersByTime(0)
  expect(cache).toHaveLength(1)
  // A bootstrap: a batch every 2 ms for 100 ms.
  for (let i = 2; i <= 51; i++) {
    events.cacheChanged([i], false)
    vi.advanceTimersByTime(2)
  }
  // 100 ms of batches after the leading flush: at most one event per 30 ms window.
  expect(cache.length).toBeGreaterThanOrEqual(3)
  expect(cache.length).toBeLessThanOrEqual(5)
  vi.advanceTimersByTime(30)
  const all = cache.flatMap((c) => c.conversationIds)
  expect(all).toEqual(Array.from({ length: 51 }, (_, i) => i + 1))
  // Events were never closer together than the interval.
  for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(30)
  events.dispose()
})

it('spaces trailing events by the interval and goes quiet when a window stays empty', () => {
  const { events, cache } = setup(30)
  const at: number[] = []
  events.on('cache:changed', () => at.push(Date.now()))
  const start = Date.now()
  events.cacheChanged([1], false)
  vi.advanceTimersByTime(0)
  events.cacheChanged([2], false)
  vi.advanceTimersByTime(10)
  events.cacheChanged([3], false)
  vi.advanceTimersByTime(19)
  expect(cache).toHaveLength(1)
  vi.advanceTimersByTime(1)
  expect(cache[1]).toEqual({ conversationIds: [2, 3], reset: false })
  expect(at.map((t) => t - start)).toEqual([0, 30])
  // The window opened by the trailing flush passes empty: the throttle is quiet again.
  vi.advanceTimersByTime(30)
  expect(cache).toHaveLength(2)
  vi.advanceTimersByTime(500)
  events.cacheChanged([4], false)
  vi.advanceTimersByTime(0)
  expect(cache[2]).toEqual({ conversationIds: [4], reset: false })
  events.dispose()
})

it('sends counts only when they change, and reset when asked or when too many ids piled up', () => {
  const { events, state, cache, badges } = setup(30)
  events.cacheChanged([1], false)
  vi.advanceTimersByTime(0)
  expect(badges).toHaveLength(1)
  vi.advanceTimersByTime(100)
  events.cacheChanged([1], false)
  vi.advanceTimersByTime(0)
  expect(cache).toHaveLength(2)
  expect(badges).toHaveLength(1)
  vi.advanceTimersByTime(100)
  state.counts = { all: 2, in_queue: 2, handled: 0 }
  events.cacheChanged([], true)
  vi.advanceTimersByTime(0)
  expect(cache[2]).toEqual({ conversationIds: [], reset: true })
  expect(badges).toHaveLength(2)
  vi.advanceTimersByTime(100)
  events.cacheChanged(Array.from({ length: 6000 }, (_, i) => i + 1), false)
  vi.advanceTimersByTime(0)
  expect(cache[3]).toEqual({ conversationIds: [], reset: true })
  events.dispose()
})

it('sends the latest connection state once, and flush() sends what is pending at once', () => {
  const { events, cache, connection } = setup(30)
  events.connectionChanged({ status: 'syncing', lastSyncedAt: null, server: 'x', error: null })
  events.connectionChanged({ status: 'online', lastSyncedAt: 1, server: 'x', error: null })
  vi.advanceTimersByTime(0)
  expect(connection).toEqual([{ status: 'online', lastSyncedAt: 1, server: 'x', error: null }])
  events.cacheChanged([5], false)
  expect(cache).toEqual([])
  events.flush()
  expect(cache).toEqual([{ conversationIds: [5], reset: false }])
  vi.advanceTimersByTime(100)
  expect(cache).toHaveLength(1)
  events.dispose()
})

it('sends nothing after dispose', () => {
  const { events, cache } = setup(30)
  events.cacheChanged([1], false)
  events.dispose()
  events.cacheChanged([2], false)
  vi.advanceTimersByTime(100)
  expect(cache).toEqual([])
})

it('says the workspace changed once per window, however many agents moved, and without a cache event', () => {
  const { events, cache } = setup(30)
  const workspace: unknown[] = []
  events.on('workspace:changed', (p) => workspace.push(p))
  events.workspaceChanged()
  events.workspaceChanged()
  vi.advanceTimersByTime(0)
  expect(workspace).toEqual([{}])
  expect(cache).toEqual([])
  events.workspaceChanged()
  events.workspaceChanged()
  vi.advanceTimersByTime(30)
  expect(workspace).toEqual([{}, {}])
  vi.advanceTimersByTime(100)
  expect(workspace).toHaveLength(2)
  events.dispose()
})

it('says Log History changed once per window, and nothing else', () => {
  const { events, cache } = setup(30)
  const log: unknown[] = []
  const workspace: unknown[] = []
  events.on('log:changed', (p) => log.push(p))
  events.on('workspace:changed', (p) => workspace.push(p))
  events.logChanged()
  events.logChanged()
  vi.advanceTimersByTime(0)
  expect(log).toEqual([{}])
  events.logChanged()
  vi.advanceTimersByTime(30)
  expect(log).toEqual([{}, {}])
  vi.advanceTimersByTime(100)
  expect(log).toHaveLength(2)
  expect([cache, workspace]).toEqual([[], []])
  events.dispose()
})
