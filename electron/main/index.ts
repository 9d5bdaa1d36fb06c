/**
 * The Electron shell: lifecycle and wiring only. Everything it starts (reference server, cache,
 * sync, IPC router) is plain Node under ./ and runs the same in browser mode and in tests.
 */
import { app, dialog } from 'electron'
import { join } from 'node:path'
import { readLaunchConfig } from './launch-config'
import { startRuntime, type Runtime } from './runtime'
import { bridgeIpc } from './shell/ipc'
import { hardenApp } from './shell/security'
import { createMainWindow, rendererUrl } from './shell/window'
import { isTrustedSender } from './trusted-sender'

app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void main()
}

async function main(): Promise<void> {
  const appUrl = rendererUrl()
  hardenApp((url) => isTrustedSender({ url, isMainFrame: true }, appUrl))
  await app.whenReady()

  let runtime: Runtime
  try {
    runtime = await startRuntime({
      config: readLaunchConfig(process.argv.slice(1), process.env),
      dataDir: join(app.getPath('userData'), 'data'),
      log: (level, message, data) => console[level === 'debug' ? 'log' : level](`[observe] ${message}`, data ?? ''),
    })
  } catch (error) {
    dialog.showErrorBox('Observe could not start', error instanceof Error ? error.message : String(error))
    app.exit(1)
    return
  }

  const win = createMainWindow(appUrl)
  const unbridge = bridgeIpc(runtime.core, win, appUrl)

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  })
  app.on('window-all-closed', () => app.quit())
  let stopping = false
  app.on('before-quit', (event) => {
    if (stopping) return
    stopping = true
    event.preventDefault()
    unbridge()
    void runtime.stop().finally(() => app.exit(0))
  })
}
