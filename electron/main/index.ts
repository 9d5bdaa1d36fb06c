/**
 * The Electron shell: lifecycle and wiring only. Everything it starts (reference server, cache,
 * sync, IPC router, notification decisions) is plain Node under ./ and runs the same in browser
 * mode and in tests.
 */
import { app, dialog, type BrowserWindow } from 'electron'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ELECTRON_EVENT_CHANNEL } from '../../shared/ipc/channels'
import { APP_ID } from './app-id'
import { DEBUGGING_SWITCHES, debuggingSwitchIn, isTestBuild } from './debugging-switches'
import { readLaunchConfig } from './launch-config'
import { DESKTOP_TEXTS, desktopLanguage } from './notify/desktop-texts'
import { openRuntime, type OpeningRuntime } from './runtime'
import { SettingsStore, settingsFile } from './settings/settings-store'
import { bridgeIpc } from './shell/ipc'
import { followLoginItemSetting } from './shell/login-item'
import { showNotices } from './shell/notifications'
import { createSecretStore } from './shell/secret-store'
import { hardenApp } from './shell/security'
import { createTray } from './shell/tray'
import { rendererUrl } from './renderer-url'
import { createMainWindow } from './shell/window'
import { isTrustedSender } from './trusted-sender'

refuseDebugging()
app.enableSandbox()
// Without it, Windows drops (or misattributes) the queue's notifications; see app-id.ts.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void main()
}

/** An installed app never starts with a remote-debugging port open; see debugging-switches.ts. */
function refuseDebugging(): void {
  if (!app.isPackaged || isTestBuild(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8'))) return
  const found = debuggingSwitchIn(process.argv.slice(1), process.platform) ?? DEBUGGING_SWITCHES.find((s) => app.commandLine.hasSwitch(s))
  if (!found) return
  console.error(`[observe] refusing to start with --${found}: it would let any program on this computer drive the app`)
  app.exit(1)
}

async function main(): Promise<void> {
  const appUrl = rendererUrl(app.isPackaged, process.env, import.meta.dirname)
  // Chromium words the page's own date and time pickers in its locale, the system's unless told:
  // an English Windows showed a Bahasa page "12/01/2026" beside "1 Des 2026". Only before ready,
  // so a language chosen in Settings reaches them from the next start.
  const language = new SettingsStore(settingsFile(join(app.getPath('userData'), 'data'))).get().language
  if (language !== null) app.commandLine.appendSwitch('lang', language === 'id' ? 'id' : 'en-US')
  hardenApp((url) => isTrustedSender({ url, isMainFrame: true }, appUrl))
  await app.whenReady()

  const cannotStart = (error: unknown): void => {
    dialog.showErrorBox('Observe could not start', error instanceof Error ? error.message : String(error))
    app.exit(1)
  }
  // The window opens at once; its page says the app is starting until the first session is open
  // (a cache from an older version is migrated first, which can take half a minute).
  let opening: OpeningRuntime
  try {
    opening = openRuntime({
      config: readLaunchConfig(process.argv.slice(1), process.env),
      dataDir: join(app.getPath('userData'), 'data'),
      secrets: createSecretStore(app.getPath('userData')),
      shell: 'electron',
      log: (level, message, data) => console[level === 'debug' ? 'log' : level](`[observe] ${message}`, data ?? ''),
    })
  } catch (error) {
    cannotStart(error)
    return
  }
  const { runtime } = opening
  opening.ready.catch(cannotStart)

  const win = createMainWindow(appUrl, runtime.settings)
  const unbridge = bridgeIpc(runtime, win, appUrl)
  const unfollowLogin = followLoginItemSetting(runtime.settings)
  let quitting = false

  const bringForward = (target: BrowserWindow): void => {
    if (target.isMinimized()) target.restore()
    target.show()
    target.focus()
  }
  const openConversation = (id: number): void => {
    bringForward(win)
    win.webContents.send(ELECTRON_EVENT_CHANNEL, 'app:openConversation', { id })
  }
  // A notice about one chat opens it; one about several opens the queue they wait in.
  const openNotice = (id: number | null): void => {
    if (id !== null) return openConversation(id)
    bringForward(win)
    win.webContents.send(ELECTRON_EVENT_CHANNEL, 'app:openQueue', {})
  }

  // The tray and native notifications speak the language chosen in Settings (or the system's).
  const texts = () => DESKTOP_TEXTS[desktopLanguage(runtime.settings.get().language, app.getLocale())]
  const drawTray = createTray(win, {
    open: () => bringForward(win),
    openConversation,
    setPaused: (paused) => runtime.planner.pause(paused ? 60 * 60_000 : 0),
    quit: () => app.quit(),
  }, texts)
  const offs = [
    runtime.onTray(drawTray),
    runtime.on('queue:notices', (notices) => showNotices(notices, texts(), openNotice)),
  ]

  // Closing the window keeps Observe in the tray, so the queue is still watched (unless turned off).
  win.on('close', (event) => {
    if (quitting || !runtime.settings.get().closeToTray) return
    event.preventDefault()
    win.hide()
  })
  app.on('second-instance', () => bringForward(win))
  app.on('activate', () => bringForward(win))

  app.on('before-quit', (event) => {
    if (quitting) return
    quitting = true
    event.preventDefault()
    for (const off of offs) off()
    unfollowLogin()
    unbridge()
    void runtime.stop().finally(() => app.exit(0))
  })
}
