/** Draws the tray from TrayState. Every decision about it is made in ../notify. */
import { Menu, Tray, app, nativeImage, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { trayChatLabel, trayTooltip, type DesktopTexts } from '../notify/desktop-texts'
import type { TrayState } from '../notify/tray-state'

export interface TrayActions {
  open(): void
  openConversation(id: number): void
  setPaused(paused: boolean): void
  quit(): void
}

export function iconPath(name: string): string {
  return app.isPackaged ? join(process.resourcesPath, name) : join(app.getAppPath(), 'build', name)
}

export function createTray(win: BrowserWindow, actions: TrayActions, texts: () => DesktopTexts): (state: TrayState) => void {
  const tray = new Tray(nativeImage.createFromPath(iconPath('tray.png')))
  const overlay = nativeImage.createFromPath(iconPath('overlay.png'))
  tray.on('click', actions.open)
  return (state) => {
    const words = texts()
    const tooltip = trayTooltip(state, words)
    tray.setToolTip(tooltip)
    if (process.platform === 'darwin') {
      tray.setTitle(state.title)
      app.dock?.setBadge(state.title)
    } else if (process.platform === 'win32') {
      win.setOverlayIcon(state.inQueue > 0 ? overlay : null, tooltip)
    } else {
      // Unity and some Linux docks read the app's badge count; elsewhere this is a no-op.
      app.setBadgeCount(state.inQueue)
    }
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: words.open, click: actions.open },
        { type: 'separator' },
        ...(state.longestWaiting.length === 0
          ? [{ label: words.noneWaiting, enabled: false }]
          : [
              { label: words.waitingLongest, enabled: false },
              ...state.longestWaiting.map((chat) => ({
                label: trayChatLabel(chat, words, state.at),
                click: () => actions.openConversation(chat.id),
              })),
            ]),
        { type: 'separator' },
        { label: words.pauseForAnHour, type: 'checkbox', checked: state.paused, click: (item) => actions.setPaused(item.checked) },
        { label: words.quit, click: actions.quit },
      ]),
    )
  }
}
