/**
 * Browser mode: an ObserveApi over a WebSocket to the serving origin's /bridge.
 *
 * The per-run token arrives in the page URL's fragment (never sent in HTTP requests). It is kept in
 * sessionStorage so a reload still works, removed from the address bar, and offered to the server
 * as a WebSocket subprotocol so it does not appear in request lines either.
 *
 * A heartbeat tells a process that is there but not answering (paused, or stuck in a long task)
 * from one that answers: its socket stays open, so without it the page went on saying Online
 * while every action hung. It, not a timer, says whether a call sent will be answered: a call once
 * sent waits for its answer for as long as the socket is open, as a call over Electron's IPC does.
 * Given up on after a while, a slow call (a long thread from a slow server) was said to be offline
 * under an indicator saying Online, and one sent just before the process paused was said to have
 * failed, then carried out when it ran again.
 */
import type { ConnectionState, IpcChannelName, IpcEventName, IpcInput, IpcOutput, ObserveApi } from '@shared/ipc/contract'
import type { IpcResult } from '@shared/ipc/result'
import { BRIDGE_PATH, BRIDGE_PROTOCOL, BridgePong, TOKEN_PROTOCOL_PREFIX, type BridgePing } from '@shared/ipc/bridge'

const TOKEN_KEY = 'observe.bridgeToken'
/**
 * How long a call not sent yet (no socket, or Observe not answering) waits to be sent before
 * answering `offline`. Given up on, it is never sent, so it is never carried out either.
 */
export const CALL_TIMEOUT_MS = 20_000
const MAX_BACKOFF_MS = 10_000
/** How often the page asks Observe's process whether it is there. */
export const HEARTBEAT_EVERY_MS = 1_000
/**
 * Silence after a heartbeat that says the process is not answering. Its longest normal pause is far
 * shorter: under 0.2 s while it bootstraps 100,000 conversations and the page reads them.
 */
export const NOT_RESPONDING_AFTER_MS = 5_000
/**
 * A heartbeat due this much earlier says the page itself was held (a hidden tab's timers slowed to
 * one a minute, a long task of its own): the silence meanwhile says nothing of Observe.
 */
const PAGE_HELD_MS = 1_000

/** `timer`: while the call waits to be sent; null once it is, when only its answer or a lost socket ends it. */
type Pending = { resolve: (result: IpcResult<unknown>) => void; timer: ReturnType<typeof setTimeout> | null }
type Listener = (payload: unknown) => void

export function readBridgeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, match[1])
    } catch {
      // Storage may be unavailable; the token still works for this page load.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search)
    return match[1]
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

const offline = (message: string): IpcResult<never> => ({ ok: false, error: { code: 'offline', message } })

/**
 * Why a call answers `offline` here, so the page can tell the two apart: one given up on before it
 * was sent was never carried out; one whose socket went before its answer came may have been.
 */
export const NOT_SENT = 'Observe did not answer in time: the call was never sent'
export const ANSWER_LOST = 'The connection to Observe was lost before it answered'

/** Why the page shows offline while it cannot reach Observe's own process (the server may be fine). */
export const LOST_OBSERVE = 'This page has lost Observe itself. If it was restarted, open the address it printed.'

/**
 * The bridge, and who must read again what it holds from events: on a new socket, whatever was
 * pushed while there was none went to the old one and is lost for good.
 */
export interface WsBridge extends ObserveApi {
  onEventsMissed(listener: () => void): () => void
}

export function createWsBridge(token: string | null = readBridgeToken()): WsBridge {
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${BRIDGE_PATH}`
  const pending = new Map<number, Pending>()
  /** Frames waiting for the socket to open, by call id. */
  const outbox = new Map<number, string>()
  const listeners = new Map<IpcEventName, Set<Listener>>()
  const missedListeners = new Set<() => void>()
  let socket: WebSocket | null = null
  let nextId = 1
  let attempt = 0
  let connectedOnce = false
  /** The connection as last told, so a lost socket can say offline with the rest kept. */
  let connection: ConnectionState | null = null
  let lostSaid = false
  let pings = 0
  /** When the oldest heartbeat not yet followed by any frame from Observe was sent. */
  let waitingSince: number | null = null
  let lastBeat = performance.now()
  /** Observe's process has left the heartbeat unanswered: calls are held back until it answers. */
  let notResponding = false

  const emit = (event: IpcEventName, payload: unknown): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload)
  }

  const connect = (): void => {
    const protocols = token ? [BRIDGE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token] : [BRIDGE_PROTOCOL]
    const ws = new WebSocket(url, protocols)
    socket = ws
    ws.onopen = () => {
      attempt = 0
      waitingSince = null
      notResponding = false
      sendHeld(ws)
      // Events may have been missed while away: ask every list to reload, whatever else the page
      // holds from events to be read again, and the connection's state, which says offline since
      // the socket went (and is only pushed when it changes).
      if (connectedOnce) {
        emit('cache:changed', { conversationIds: [], reset: true })
        for (const listener of [...missedListeners]) listener()
        void api.invoke('connection:get', {}).then((result) => {
          if (result.ok) tell(result.value)
        })
      }
      lostSaid = false
      connectedOnce = true
    }
    ws.onmessage = (message) => {
      let data: unknown
      try {
        data = JSON.parse(String(message.data))
      } catch {
        return
      }
      if (typeof data !== 'object' || data === null) return
      heard()
      if (BridgePong.safeParse(data).success) return
      const frame = data as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown }
      if (typeof frame.id === 'number') {
        const waiting = pending.get(frame.id)
        if (!waiting) return
        pending.delete(frame.id)
        if (waiting.timer !== null) clearTimeout(waiting.timer)
        waiting.resolve(frame.result as IpcResult<unknown>)
      } else if (typeof frame.event === 'string') {
        if (frame.event === 'connection:changed') connection = frame.payload as ConnectionState
        emit(frame.event as IpcEventName, frame.payload)
      }
    }
    ws.onclose = () => {
      socket = null
      waitingSince = null
      notResponding = false
      // Calls already sent will never be answered on this socket.
      for (const [id, waiting] of pending) {
        if (outbox.has(id)) continue
        pending.delete(id)
        waiting.resolve(offline(ANSWER_LOST))
      }
      // Until it answers again, nothing here is live: the last state told ("Online") would be a lie.
      if (connectedOnce && !lostSaid) {
        lostSaid = true
        emit('connection:changed', { status: 'offline', lastSyncedAt: connection?.lastSyncedAt ?? null, server: connection?.server ?? '', error: LOST_OBSERVE })
      }
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt) * (0.75 + Math.random() * 0.5)
      attempt += 1
      setTimeout(connect, delay)
    }
  }

  /**
   * Any frame says Observe's process answers again. Nothing it sent was lost meanwhile (the socket
   * held it), but the state it last told is not the page's any more, and calls that gave up while
   * it was silent are read again, as after a reconnection.
   */
  const heard = (): void => {
    waitingSince = null
    if (!notResponding) return
    notResponding = false
    if (socket) sendHeld(socket)
    emit('cache:changed', { conversationIds: [], reset: true })
    void api.invoke('connection:get', {}).then((result) => {
      if (result.ok) tell(result.value)
    })
  }

  /** Sends the calls held back; from now on only their answers, or a lost socket, end them. */
  const sendHeld = (ws: WebSocket): void => {
    for (const [id, frame] of outbox) {
      ws.send(frame)
      const waiting = pending.get(id)
      if (waiting?.timer != null) clearTimeout(waiting.timer)
      if (waiting) waiting.timer = null
    }
    outbox.clear()
  }

  const beat = (): void => {
    const now = performance.now()
    const held = now - lastBeat > HEARTBEAT_EVERY_MS + PAGE_HELD_MS
    lastBeat = now
    const ws = socket
    if (ws?.readyState !== WebSocket.OPEN) return
    if (held) waitingSince = null
    else if (!notResponding && waitingSince !== null && now - waitingSince >= NOT_RESPONDING_AFTER_MS) {
      notResponding = true
      emit('connection:changed', { ...(connection ?? { lastSyncedAt: null, server: '' }), status: 'not_responding', error: null })
    }
    ws.send(JSON.stringify({ ping: ++pings } satisfies BridgePing))
    waitingSince ??= now
  }

  const tell = (state: ConnectionState): void => {
    connection = state
    emit('connection:changed', state)
  }

  const api: WsBridge = {
    invoke<C extends IpcChannelName>(channel: C, input: IpcInput<C>): Promise<IpcResult<IpcOutput<C>>> {
      const id = nextId++
      const frame = JSON.stringify({ id, channel, input })
      return new Promise((resolve) => {
        const answer: Pending['resolve'] = (result) => {
          if (channel === 'connection:get' && result.ok) connection = result.value as ConnectionState
          resolve(result as IpcResult<IpcOutput<C>>)
        }
        // Held while Observe is silent: it may be gone for good, and a call held can still be
        // given up on without being run later.
        if (socket?.readyState === WebSocket.OPEN && !notResponding) {
          pending.set(id, { resolve: answer, timer: null })
          socket.send(frame)
          return
        }
        const timer = setTimeout(() => {
          pending.delete(id)
          outbox.delete(id)
          resolve(offline(NOT_SENT))
        }, CALL_TIMEOUT_MS)
        pending.set(id, { resolve: answer, timer })
        outbox.set(id, frame)
      })
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const wrapped = listener as Listener
      set.add(wrapped)
      return () => {
        set.delete(wrapped)
      }
    },
    onEventsMissed(listener) {
      missedListeners.add(listener)
      return () => {
        missedListeners.delete(listener)
      }
    },
  }
  // The address Observe printed after a restart, opened in this same tab, changes only the
  // fragment: the page would keep the old token and stay refused. Start over with the new one.
  window.addEventListener('hashchange', () => {
    if (/(?:^#|&)token=/.test(window.location.hash)) window.location.reload()
  })
  connect()
  setInterval(beat, HEARTBEAT_EVERY_MS)
  return api
}
