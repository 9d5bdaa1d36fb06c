import { BrowserWindow, screen } from 'electron'
import { join } from 'node:path'
import type { SettingsStore } from '../settings/settings-store'
import { secureWebPreferences } from '../web-preferences'
import { MIN_WINDOW as MIN } from '../../../shared/ipc/settings'
import { debounce, usableBounds } from '../window-bounds'

/** Opens the window where it was last, when that place is still on a screen, and keeps track of it. */
export function createMainWindow(url: string, settings: SettingsStore): BrowserWindow {
  const saved = usableBounds(
    settings.get().window,
    screen.getAllDisplays().map((display) => display.workArea),
    MIN,
  )
  const win = new BrowserWindow({
    width: saved?.width ?? 1360,
    height: saved?.height ?? 820,
    ...(saved ? { x: saved.x, y: saved.y } : {}),
    minWidth: MIN.width,
    minHeight: MIN.height,
    show: false,
    title: 'Observe',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  })
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize()
    win.show()
  })

  const save = debounce(() => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return
    // Maximized: keep the normal bounds to come back to, and remember the maximizing.
    const bounds = win.getNormalBounds()
    settings.update({ window: { ...bounds, maximized: win.isMaximized() } })
  }, 500)
  const moved = (): void => save()
  win.on('move', moved)
  win.on('resize', moved)
  win.on('maximize', moved)
  win.on('unmaximize', moved)
  win.on('close', () => save.flush())

  void win.loadURL(url)
  return win
}
