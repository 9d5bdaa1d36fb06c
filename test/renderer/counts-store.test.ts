/**
 * The tab counts in browser mode, through the page's real bridge over a stand-in socket: the store
 * holds what was pushed, and what was pushed while the page's socket was gone never arrives.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Filters, TabCounts } from '../../shared/ipc/contract'
import { useCountsStore } from '../../renderer/src/stores/counts'
import { FakeSocket } from './support/fake-socket'

const original = globalThis.WebSocket
/** What Observe's core counts now, with no filter and under the page's filters. */
let whole: TabCounts
let narrowed: TabCounts
const answered = new Set<number>()

/** Answers every counts call the page has sent on `socket` and not had answered yet. */
function answerCounts(socket: FakeSocket): void {
  for (const frame of socket.sent.map((f) => JSON.parse(f) as { id?: number; channel?: string; input?: { filters: Filters } })) {
    if (frame.channel !== 'conversations:counts' || frame.id === undefined || answered.has(frame.id)) continue
    answered.add(frame.id)
    const value = Object.keys(frame.input!.filters).length > 0 ? narrowed : whole
    socket.receive({ id: frame.id, result: { ok: true, value } })
  }
}

/** The page's socket now, open (the first one opens as the store first calls). */
function socketNow(): FakeSocket {
  const socket = FakeSocket.instances.at(-1)!
  if (socket.readyState !== FakeSocket.OPEN) socket.open()
  return socket
}

/** Drops the page's socket, lets `meanwhile` change the core's counts, and opens the socket the page tries next. */
async function cutOff(meanwhile: () => void): Promise<FakeSocket> {
  const before = FakeSocket.instances.length
  socketNow().drop()
  meanwhile()
  await vi.advanceTimersByTimeAsync(1_000)
  expect(FakeSocket.instances.length).toBe(before + 1)
  const again = FakeSocket.instances.at(-1)!
  again.open()
  return again
}

beforeAll(() => {
  // The bridge is made once, at the page's first call: its reconnection and heartbeat run on these timers.
  vi.useFakeTimers()
  globalThis.WebSocket = FakeSocket as unknown as typeof WebSocket
  window.sessionStorage.clear()
})

afterAll(() => {
  globalThis.WebSocket = original
  vi.useRealTimers()
})

beforeEach(() => {
  setActivePinia(createPinia())
  whole = { all: 10, in_queue: 1, handled: 9 }
  narrowed = { all: 4, in_queue: 1, handled: 3 }
})

afterEach(() => {
  useCountsStore().stop()
})

describe('counts store after the page lost its socket to Observe', () => {
  it('reads the three counts again once back, with no filters, where it only took pushes', async () => {
    const store = useCountsStore()
    store.start()
    const first = store.setFilters({})
    answerCounts(socketNow())
    await first
    expect(store.counts).toEqual(whole)

    // Two chats came in and one was assigned meanwhile: the pushes saying so went nowhere.
    const again = await cutOff(() => (whole = { all: 12, in_queue: 2, handled: 10 }))
    answerCounts(again)
    await vi.advanceTimersByTimeAsync(0)
    expect(store.counts).toEqual({ all: 12, in_queue: 2, handled: 10 })
    expect(store.waiting).toBe(2)
  })

  it('reads again under filters both their counts and the whole queue the title counts', async () => {
    const store = useCountsStore()
    store.start()
    const first = store.setFilters({ channels: ['whatsapp'] })
    answerCounts(socketNow())
    await first
    await vi.advanceTimersByTimeAsync(0)
    expect(store.counts).toEqual(narrowed)
    expect(store.waiting).toBe(1)

    const again = await cutOff(() => {
      whole = { all: 13, in_queue: 3, handled: 10 }
      narrowed = { all: 5, in_queue: 2, handled: 3 }
    })
    // However long the page waits, the queue's size comes only from a read.
    await vi.advanceTimersByTimeAsync(1_000)
    answerCounts(again)
    await vi.advanceTimersByTimeAsync(0)
    expect(store.counts).toEqual({ all: 5, in_queue: 2, handled: 3 })
    expect(store.waiting).toBe(3)
  })
  it('keeps a push that comes while the queue is read again over the older answer of that read', async () => {
    const store = useCountsStore()
    store.start()
    const first = store.setFilters({ channels: ['whatsapp'] })
    answerCounts(socketNow())
    await first
    await vi.advanceTimersByTimeAsync(0)

    const again = await cutOff(() => (whole = { all: 13, in_queue: 3, handled: 10 }))
    // Another chat came in after the read went out.
    again.receive({ event: 'counts:changed', payload: { all: 14, in_queue: 4, handled: 10 } })
    answerCounts(again)
    await vi.advanceTimersByTimeAsync(0)
    expect(store.waiting).toBe(4)
  })
})
