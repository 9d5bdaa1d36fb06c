import { BrowserWindow } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { secureWebPreferences } from '../web-preferences'

/** The page the window shows: electron-vite's dev server while developing, the built file otherwise. */
export function rendererUrl(): string {
  const dev = process.env['ELECTRON_RENDERER_URL']
  if (dev) return dev
  return pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).toString()
}

export function createMainWindow(url: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Observe',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}
