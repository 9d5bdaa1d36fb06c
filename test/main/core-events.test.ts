import { afterEach, expect, it, vi } from 'vitest'
import { CoreEvents } from '../../electron/main/core-events'

afterEach(() => vi.useRealTimers())

it('coalesces a burst of cache changes into one event, and sends counts only when they change', () => {
  vi.useFakeTimers()
  let counts = { all: 1, in_queue: 1, handled: 0 }
  const events = new CoreEvents(() => counts, 50)
  const cache: unknown[] = []
  const badges: unknown[] = []
  events.on('cache:changed', (p) => cache.push(p))
  events.on('counts:changed', (p) => badges.push(p))
  for (let i = 1; i <= 100; i++) events.cacheChanged([i, i], false)
  expect(cache).toEqual([])
  vi.advanceTimersByTime(50)
  expect(cache).toHaveLength(1)
  expect((cache[0] as { conversationIds: number[] }).conversationIds).toHaveLength(100)
  expect(badges).toEqual([{ all: 1, in_queue: 1, handled: 0 }])
  events.cacheChanged([1], false)
  vi.advanceTimersByTime(50)
  expect(cache).toHaveLength(2)
  expect(badges).toHaveLength(1)
  counts = { all: 2, in_queue: 2, handled: 0 }
  events.cacheChanged([], true)
  vi.advanceTimersByTime(50)
  expect(cache[2]).toEqual({ conversationIds: [], reset: true })
  expect(badges).toHaveLength(2)
  events.dispose()
})
