/**
 * Channel and event names only, with no schema library attached, so the sandboxed preload can
 * allow-list them without bundling zod. contract.ts checks at compile time that both lists match it.
 */
export const IPC_CHANNELS = [
  'workspace:get',
  'conversations:list',
  'conversations:counts',
  'conversations:get',
  'conversations:loadMessages',
  'conversations:loadEarlierMessages',
  'connection:get',
  'conversations:searchHistory',
  'conversations:getFromServer',
  'outbox:assign',
  'outbox:transfer',
  'outbox:planSpread',
  'outbox:spread',
  'outbox:list',
  'outbox:cancel',
  'outbox:dismiss',
  'log:list',
  'session:get',
  'session:signIn',
  'session:signOut',
  'settings:get',
  'settings:update',
  'queue:missed',
] as const
export type IpcChannel = (typeof IPC_CHANNELS)[number]

export const IPC_EVENTS = [
  'cache:changed',
  'counts:changed',
  'workspace:changed',
  'connection:changed',
  'app:openConversation',
  'app:openQueue',
  'outbox:changed',
  'log:changed',
  'queue:notices',
  'session:changed',
  'settings:changed',
] as const
export type IpcEvent = (typeof IPC_EVENTS)[number]

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value)
}

export function isIpcEvent(value: unknown): value is IpcEvent {
  return typeof value === 'string' && (IPC_EVENTS as readonly string[]).includes(value)
}

/** The two Electron IPC channels window.observe rides on: one for calls, one for pushed events. */
export const ELECTRON_INVOKE_CHANNEL = 'observe:invoke'
export const ELECTRON_EVENT_CHANNEL = 'observe:event'
