import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HEARTBEAT_EVERY_MS, LOST_OBSERVE, NOT_RESPONDING_AFTER_MS, createWsBridge, readBridgeToken } from '../../renderer/src/api/ws-bridge'
import { FakeSocket } from './support/fake-socket'

const original = globalThis.WebSocket

beforeEach(() => {
  FakeSocket.instances = []
  globalThis.WebSocket = FakeSocket as unknown as typeof WebSocket
  window.sessionStorage.clear()
})

afterEach(() => {
  globalThis.WebSocket = original
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** A bridge on fake timers whose socket has opened, as the heartbeat and reconnection tests start. */
function openedOnFakeTimers(): { bridge: ReturnType<typeof createWsBridge>; socket: FakeSocket } {
  vi.useFakeTimers()
  const bridge = createWsBridge('secret')
  const socket = FakeSocket.instances[0]!
  socket.open()
  return { bridge, socket }
}

/** What the page sent on a socket: calls, and heartbeats. */
const framesOf = (socket: FakeSocket) => socket.sent.map((f) => JSON.parse(f) as { ping?: number; id?: number; channel?: string })

describe('WebSocket bridge', () => {
  it('takes the token from the fragment, remembers it and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/#token=abc123')
    expect(readBridgeToken()).toBe('abc123')
    expect(window.location.hash).toBe('')
    expect(readBridgeToken()).toBe('abc123')
  })

  it('offers the token as a subprotocol, sends calls once open and matches replies by id', async () => {
    const bridge = createWsBridge('secret')
    const socket = FakeSocket.instances[0]!
    expect(socket.url).toMatch(/\/bridge$/)
    expect(socket.protocols).toEqual(['observe.v1', 'token.secret'])

    const first = bridge.invoke('connection:get', {})
    const second = bridge.invoke('workspace:get', {})
    expect(socket.sent).toEqual([])
    socket.open()
    const frames = socket.sent.map((f) => JSON.parse(f) as { id: number; channel: string })
    expect(frames.map((f) => f.channel)).toEqual(['connection:get', 'workspace:get'])

    socket.receive({ id: frames[1]!.id, result: { ok: true, value: 'two' } })
    socket.receive({ id: frames[0]!.id, result: { ok: true, value: 'one' } })
    expect(await first).toEqual({ ok: true, value: 'one' })
    expect(await second).toEqual({ ok: true, value: 'two' })
  })

  it('delivers pushed events to listeners until they unsubscribe', () => {
    const bridge = createWsBridge('secret')
    const socket = FakeSocket.instances[0]!
    socket.open()
    const seen: unknown[] = []
    const off = bridge.on('counts:changed', (payload) => seen.push(payload))
    socket.receive({ event: 'counts:changed', payload: { all: 1, in_queue: 1, handled: 0 } })
    off()
    socket.receive({ event: 'counts:changed', payload: { all: 2, in_queue: 2, handled: 0 } })
    expect(seen).toEqual([{ all: 1, in_queue: 1, handled: 0 }])
  })

  it('answers offline for calls lost with the socket, reconnects, and asks lists to reload', async () => {
    const { bridge, socket } = openedOnFakeTimers()
    const reloads: unknown[] = []
    bridge.on('cache:changed', (payload) => reloads.push(payload))
    const lost = bridge.invoke('connection:get', {})
    socket.drop()
    expect(await lost).toMatchObject({ ok: false, error: { code: 'offline' } })

    await vi.advanceTimersByTimeAsync(1_000)
    const again = FakeSocket.instances[1]
    expect(again).toBeDefined()
    again!.open()
    expect(reloads).toEqual([{ conversationIds: [], reset: true }])
  })

  it('asks whatever the page holds from events to be read again on a new socket, not on its first one nor when a silent process answers again', async () => {
    const { bridge, socket } = openedOnFakeTimers()
    let missed = 0
    bridge.onEventsMissed(() => (missed += 1))
    // Silent, then answering on the same socket: it held every event meanwhile.
    await vi.advanceTimersByTimeAsync(NOT_RESPONDING_AFTER_MS + 2 * HEARTBEAT_EVERY_MS)
    socket.receive({ pong: 1 })
    expect(missed).toBe(0)

    socket.drop()
    await vi.advanceTimersByTimeAsync(1_000)
    FakeSocket.instances.at(-1)!.open()
    expect(missed).toBe(1)
  })

  it("says offline while Observe's own process is gone, keeping the server and last sync, and asks the state again once back", async () => {
    const { bridge, socket } = openedOnFakeTimers()
    const told: unknown[] = []
    bridge.on('connection:changed', (state) => told.push(state))
    const online = { status: 'online', lastSyncedAt: 5, server: 'http://127.0.0.1:4000', error: null }
    const asked = bridge.invoke('connection:get', {})
    socket.receive({ id: (JSON.parse(socket.sent[0]!) as { id: number }).id, result: { ok: true, value: online } })
    await asked
    // Restarted with a new token, say: this page's socket is refused again and again.
    socket.drop()
    await vi.advanceTimersByTimeAsync(1_000)
    FakeSocket.instances[1]!.drop()
    expect(told).toEqual([{ status: 'offline', lastSyncedAt: 5, server: 'http://127.0.0.1:4000', error: LOST_OBSERVE }])

    await vi.advanceTimersByTimeAsync(2_000)
    const back = FakeSocket.instances.at(-1)!
    back.open()
    const frame = JSON.parse(back.sent.at(-1)!) as { id: number; channel: string }
    expect(frame.channel).toBe('connection:get')
    back.receive({ id: frame.id, result: { ok: true, value: { ...online, lastSyncedAt: 9 } } })
    await vi.advanceTimersByTimeAsync(0)
    expect(told.at(-1)).toEqual({ ...online, lastSyncedAt: 9 })
  })

  it("says Observe is not responding while its process leaves the heartbeat unanswered, holds calls back, and carries on once it answers", async () => {
    const { bridge, socket } = openedOnFakeTimers()
    const told: unknown[] = []
    const reloads: unknown[] = []
    bridge.on('connection:changed', (state) => told.push(state))
    bridge.on('cache:changed', (payload) => reloads.push(payload))
    const online = { status: 'online', lastSyncedAt: 5, server: 'http://127.0.0.1:4000', error: null, clockOffsetMs: 7_000 }
    const asked = bridge.invoke('connection:get', {})
    socket.receive({ id: (JSON.parse(socket.sent[0]!) as { id: number }).id, result: { ok: true, value: online } })
    await asked
    const frames = () => framesOf(socket)

    // Answered beats keep it quiet, however long.
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_EVERY_MS)
      socket.receive({ pong: frames().at(-1)!.ping })
    }
    expect(told).toEqual([])

    // Then silence: the process is paused, its socket open.
    await vi.advanceTimersByTimeAsync(NOT_RESPONDING_AFTER_MS + HEARTBEAT_EVERY_MS)
    expect(told).toEqual([{ ...online, status: 'not_responding', error: null }])
    const held = bridge.invoke('workspace:get', {})
    expect(frames().some((f) => f.channel === 'workspace:get')).toBe(false)

    // Its first frame once it runs: the held call goes, and the state and lists are read again.
    socket.receive({ pong: 1 })
    const sentNow = frames().filter((f) => f.channel)
    expect(sentNow.map((f) => f.channel).slice(-2)).toEqual(['workspace:get', 'connection:get'])
    expect(reloads).toEqual([{ conversationIds: [], reset: true }])
    socket.receive({ id: sentNow.at(-2)!.id, result: { ok: true, value: 'workspace' } })
    socket.receive({ id: sentNow.at(-1)!.id, result: { ok: true, value: online } })
    expect(await held).toEqual({ ok: true, value: 'workspace' })
    await vi.advanceTimersByTimeAsync(0)
    expect(told.at(-1)).toEqual(online)
  })

  it('waits for the answer of a call sent, however slow, while Observe answers the heartbeat', async () => {
    const { bridge, socket } = openedOnFakeTimers()
    const frames = () => framesOf(socket)
    // A long thread from a slow server: ten pages of two seconds each.
    let answer: unknown = null
    void bridge.invoke('conversations:loadMessages', { id: 7, newest: 200 }).then((result) => (answer = result))
    const call = frames().find((f) => f.channel === 'conversations:loadMessages')!
    for (let i = 0; i < 30; i++) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_EVERY_MS)
      socket.receive({ pong: frames().at(-1)!.ping })
    }
    expect(answer).toBeNull()
    socket.receive({ id: call.id, result: { ok: true, value: 'thread' } })
    await vi.advanceTimersByTimeAsync(0)
    expect(answer).toEqual({ ok: true, value: 'thread' })
  })

  it('waits for the answer of a call sent just before Observe stopped answering, and gives up only on calls not sent', async () => {
    const { bridge, socket } = openedOnFakeTimers()
    const told: { status: string }[] = []
    bridge.on('connection:changed', (state) => told.push(state))
    const frames = () => framesOf(socket)
    const input = { conversationIds: [4], agentId: 2, overrideQuota: false, dataset: null }
    let sentAnswer: unknown = null
    void bridge.invoke('outbox:assign', input).then((result) => (sentAnswer = result))
    const sent = frames().find((f) => f.channel === 'outbox:assign')!

    // The process pauses with the call in hand, for longer than a call waits to be sent.
    await vi.advanceTimersByTimeAsync(NOT_RESPONDING_AFTER_MS + 2 * HEARTBEAT_EVERY_MS)
    expect(told.map((state) => state.status)).toEqual(['not_responding'])
    const held = bridge.invoke('workspace:get', {})
    await vi.advanceTimersByTimeAsync(25_000)
    // The call not sent is given up on, and never goes: nothing would carry it out.
    expect(await held).toMatchObject({ ok: false, error: { code: 'offline' } })
    // The call sent is not said to have failed: the process will carry it out once it runs.
    expect(sentAnswer).toBeNull()

    socket.receive({ pong: 1 })
    expect(frames().filter((f) => f.channel === 'workspace:get')).toEqual([])
    socket.receive({ id: sent.id, result: { ok: true, value: 'assigned' } })
    await vi.advanceTimersByTimeAsync(0)
    expect(sentAnswer).toEqual({ ok: true, value: 'assigned' })
  })

  it('takes no silence for Observe not responding while the page itself was held (a hidden tab, a long task)', async () => {
    const { bridge, socket } = openedOnFakeTimers()
    const told: unknown[] = []
    bridge.on('connection:changed', (state) => told.push(state))
    await vi.advanceTimersByTimeAsync(HEARTBEAT_EVERY_MS)
    const pings = () => socket.sent.map((f) => JSON.parse(f) as { ping?: number }).filter((f) => f.ping !== undefined)
    expect(pings()).toHaveLength(1)
    // A hidden tab's timers run once a minute: each beat comes long after the last, answered or not.
    const now = performance.now.bind(performance)
    let held = 0
    vi.spyOn(performance, 'now').mockImplementation(() => now() + held)
    for (let i = 0; i < 5; i++) {
      held += 60_000
      await vi.advanceTimersByTimeAsync(HEARTBEAT_EVERY_MS)
    }
    expect(pings()).toHaveLength(6)
    expect(told).toEqual([])
  })
})
