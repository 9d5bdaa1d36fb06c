/// <reference types="vite/client" />
import type { ObserveApi } from '@shared/ipc/contract'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode, where the WebSocket bridge stands in. */
    observe?: ObserveApi
  }
}

export {}
