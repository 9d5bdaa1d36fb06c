/**
 * Browser mode's WebSocket bridge, as both ends know it (electron/web/bridge.ts serves it,
 * renderer/src/api/ws-bridge.ts connects): where it listens, the subprotocol it speaks, and the
 * subprotocol prefix that carries the run's token, so the token appears in no request line.
 */
export const BRIDGE_PATH = '/bridge'
export const BRIDGE_PROTOCOL = 'observe.v1'
export const TOKEN_PROTOCOL_PREFIX = 'token.'
