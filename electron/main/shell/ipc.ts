/**
 * Carries window.observe over Electron IPC. All the checking of what is asked happens in the
 * core's router; here only who asks is checked, because only Electron knows the sender.
 */
import { ipcMain, type BrowserWindow } from 'electron'
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, IPC_EVENTS, fail } from '../../../shared/ipc'
import type { Runtime } from '../runtime'
import { isTrustedSender } from '../trusted-sender'

export function bridgeIpc(runtime: Pick<Runtime, 'handle' | 'on'>, win: BrowserWindow, appUrl: string): () => void {
  ipcMain.handle(ELECTRON_INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    const frame = event.senderFrame
    const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null
    if (event.sender !== win.webContents || !isTrustedSender(sender, appUrl)) {
      return fail({ code: 'forbidden', message: 'IPC is only answered for the Observe window' })
    }
    // The runtime answers session and settings itself and hands the rest to the current core.
    return runtime.handle(channel, input)
  })
  // queue:notices go to the page too; in Electron the page leaves them to native notifications.
  const unsubscribers = IPC_EVENTS.map((name) =>
    runtime.on(name, (payload) => {
      if (!win.isDestroyed()) win.webContents.send(ELECTRON_EVENT_CHANNEL, name, payload)
    }),
  )
  return () => {
    ipcMain.removeHandler(ELECTRON_INVOKE_CHANNEL)
    for (const off of unsubscribers) off()
  }
}
