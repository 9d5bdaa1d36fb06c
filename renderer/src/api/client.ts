/**
 * The renderer's only door to the rest of the app. Everything else in the renderer calls
 * `call` and `subscribe`; nothing else touches window.observe.
 *
 * Outputs are validated here with the contract's schemas: the main process is trusted, but a
 * reply that does not match the contract is a bug we want to see at the boundary, not deep in a view.
 */
import { config as zodConfig } from 'zod'
import {
  ipcContract,
  ipcEvents,
  type IpcChannelName,
  type IpcEventName,
  type IpcEventPayload,
  type IpcInput,
  type IpcOutput,
  type ObserveApi,
} from '@shared/ipc/contract'
import { IpcCallError } from '@shared/ipc/result'
import { createWsBridge, type WsBridge } from './ws-bridge'

// The CSP forbids eval: tell zod not to probe for it (the probe alone raises a CSP violation report).
zodConfig({ jitless: true })

let fallback: WsBridge | null = null

/** Whether the Electron preload bridge is there (absent in browser mode and outside a window). */
const hasPreload = (): boolean => typeof window !== 'undefined' && !!window.observe

function api(): ObserveApi {
  return hasPreload() ? window.observe! : bridge()
}

function bridge(): WsBridge {
  fallback ??= createWsBridge()
  return fallback
}

/** True in browser mode, where the page itself must surface notifications (Electron shows native ones). */
export function isBrowserMode(): boolean {
  return !hasPreload()
}

export async function call<C extends IpcChannelName>(channel: C, input: IpcInput<C>): Promise<IpcOutput<C>> {
  const result = await api().invoke(channel, input)
  if (!result.ok) throw new IpcCallError(result.error)
  const parsed = ipcContract[channel].output.safeParse(result.value)
  if (!parsed.success) {
    throw new IpcCallError({ code: 'internal', message: `Reply on ${channel} does not match the contract` })
  }
  return parsed.data as IpcOutput<C>
}

/** Listens to a pushed event; payloads that fail the contract are dropped. Returns the unsubscribe. */
export function subscribe<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
  return api().on(event, (payload) => {
    const parsed = ipcEvents[event].safeParse(payload)
    if (parsed.success) listener(parsed.data as IpcEventPayload<E>)
  })
}

/**
 * Calls `listener` whenever pushed events may have been lost (browser mode, after the page's socket
 * to Observe was gone): a store that holds what events told reads it again. Electron's IPC loses
 * none. Returns the unsubscribe.
 */
export function onEventsMissed(listener: () => void): () => void {
  return hasPreload() ? () => {} : bridge().onEventsMissed(listener)
}

export { IpcCallError }
