/**
 * The browser-mode stand-in for Electron IPC: a WebSocket at /bridge that relays
 * `{id, channel, input}` to the core and answers `{id, result}`, and pushes core events as
 * `{event, payload}`. Only the page this process served may connect: the Origin must be the
 * served origin and the per-run token must be offered as a `token.<hex>` subprotocol. The page's
 * heartbeat (`{ping}`) is answered here, on the core's own event loop, so a paused or stuck core
 * leaves it unanswered.
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { BRIDGE_PATH, BRIDGE_PROTOCOL, BridgePing, TOKEN_PROTOCOL_PREFIX, type BridgePong } from '../../shared/ipc/bridge'
import { IPC_EVENTS } from '../../shared/ipc/channels'
import type { Runtime } from '../main/runtime'

export const MAX_FRAME_BYTES = 1024 * 1024

export type BridgeCore = Pick<Runtime, 'handle' | 'on'>

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function offeredToken(req: IncomingMessage): string | null {
  const header = req.headers['sec-websocket-protocol']
  if (typeof header !== 'string') return null
  const entry = header
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))
  return entry ? entry.slice(TOKEN_PROTOCOL_PREFIX.length) : null
}

function reject(socket: Duplex, status: 400 | 403 | 404, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  socket.destroy()
}

export function createBridge(options: { core: BridgeCore; token: string; origin: () => string }) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  })

  const unsubscribers = IPC_EVENTS.map((event) =>
    options.core.on(event, (payload) => {
      const frame = JSON.stringify({ event, payload })
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(frame)
    }),
  )

  wss.on('connection', (ws) => {
    // A frame over the limit or not UTF-8 is an 'error' on the socket; unheard, it stopped the process.
    ws.on('error', () => ws.terminate())
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only')
      let frame: unknown
      try {
        frame = JSON.parse(data.toString())
      } catch {
        return ws.close(1007, 'invalid JSON')
      }
      const ping = BridgePing.safeParse(frame)
      if (ping.success) return ws.send(JSON.stringify({ pong: ping.data.ping } satisfies BridgePong))
      const { id, channel, input } = (frame ?? {}) as { id?: unknown; channel?: unknown; input?: unknown }
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return ws.close(1008, 'missing id')
      // The core validates channel and input against the contract and never throws.
      void options.core.handle(channel, input).then((result) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ id, result }))
      })
    })
  })

  return {
    /** Handles an HTTP upgrade request; anything not a valid bridge connection is refused before the handshake. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const path = new URL(req.url ?? '/', 'http://placeholder').pathname
      if (path !== BRIDGE_PATH) return reject(socket, 404, 'Not Found')
      if (req.headers.origin !== options.origin()) return reject(socket, 403, 'Forbidden')
      const token = offeredToken(req)
      if (!token || !sameSecret(token, options.token)) return reject(socket, 403, 'Forbidden')
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
    },
    close(): void {
      for (const unsubscribe of unsubscribers) unsubscribe()
      for (const client of wss.clients) client.terminate()
      wss.close()
    },
  }
}
