/**
 * The only door between the page and the rest of the app. The page gets window.observe with two
 * functions; it never sees ipcRenderer. Imports stay to electron and shared/ name lists, because
 * a sandboxed preload can load nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  ELECTRON_EVENT_CHANNEL,
  ELECTRON_INVOKE_CHANNEL,
  isIpcChannel,
  isIpcEvent,
} from '../../shared/ipc/channels'
import type { ObserveApi } from '../../shared/ipc/contract'

const api: ObserveApi = {
  invoke(channel, input) {
    if (!isIpcChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `No channel ${String(channel)}` } })
    }
    return ipcRenderer.invoke(ELECTRON_INVOKE_CHANNEL, channel, input)
  },
  on(event, listener) {
    if (!isIpcEvent(event)) throw new Error(`No event ${String(event)}`)
    const relay = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) (listener as (p: unknown) => void)(payload)
    }
    ipcRenderer.on(ELECTRON_EVENT_CHANNEL, relay)
    return () => {
      ipcRenderer.removeListener(ELECTRON_EVENT_CHANNEL, relay)
    }
  },
}

contextBridge.exposeInMainWorld('observe', api)
