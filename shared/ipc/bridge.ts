/**
 * Browser mode's WebSocket bridge, as both ends know it (electron/web/bridge.ts serves it,
 * renderer/src/api/ws-bridge.ts connects): where it listens, the subprotocol it speaks, the
 * subprotocol prefix that carries the run's token, so the token appears in no request line, and
 * the heartbeat's frames.
 */
import { z } from 'zod'

export const BRIDGE_PATH = '/bridge'
export const BRIDGE_PROTOCOL = 'observe.v1'
export const TOKEN_PROTOCOL_PREFIX = 'token.'

/**
 * The page's heartbeat, answered at once with the same number as a `BridgePong`. A browser cannot
 * send WebSocket pings of its own, and a process that is paused or stuck keeps its socket open:
 * only an answer from its event loop, the one the core runs on, says it is still there.
 */
export const BridgePing = z.object({ ping: z.number().int().nonnegative() }).strict()
export type BridgePing = z.infer<typeof BridgePing>
export const BridgePong = z.object({ pong: z.number().int().nonnegative() }).strict()
export type BridgePong = z.infer<typeof BridgePong>
