/**
 * Starts what both the Electron shell and browser mode run: the reference server when no other
 * backend is named, the core signed in to it, and the queue watcher that decides notifications.
 * Plain Node, so it is tested without Electron.
 */
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import type { IpcEventName, IpcEventPayload } from '../../shared/ipc/contract'
import type { QueueNotice } from '../../shared/ipc/queue-notices'
import { createCore, type Core, type CoreOptions } from './core'
import type { LaunchConfig, ServerChoice } from './launch-config'
import { DEFAULT_PLANNER_SETTINGS, NotificationPlanner } from './notify/planner'
import { watchQueue } from './notify/queue-watcher'
import { trayState, type TrayState } from './notify/tray-state'

export interface RuntimeOptions {
  config: LaunchConfig
  /** Per-user data folder: the cache, and the embedded server's own store. */
  dataDir: string
  log?: CoreOptions['log']
  retentionDays?: number
  /** How the embedded reference server seeds and simulates, when it is the one started. */
  reference?: { seed?: number; rate?: number; sim?: boolean }
  /** How often to look for chats waiting too long. */
  overdueEveryMs?: number
}

export interface Runtime {
  core: Core
  /** The backend the core is signed in to. */
  server: ServerChoice
  /** Set when the reference server runs in this process. */
  embedded: ReferenceServer | null
  planner: NotificationPlanner
  /** The core's events plus `queue:notices`: everything a window or page is told. */
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void
  /** The tray's state whenever it changes, starting with the current one. */
  onTray(listener: (state: TrayState) => void): () => void
  stop(): Promise<void>
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  mkdirSync(options.dataDir, { recursive: true })
  let embedded: ReferenceServer | null = null
  let server: ServerChoice
  if (options.config.kind === 'embedded') {
    // The demo server keeps its store beside the cache, so a restart shows the same floor.
    embedded = await startReferenceServer({
      port: 0,
      dbFile: join(options.dataDir, 'reference-server.sqlite'),
      demo: true,
      ...options.reference,
    })
    server = { url: embedded.url, ...embedded.credentials }
  } else {
    server = options.config.server
  }
  const core = createCore({
    dataDir: options.dataDir,
    backend: { kind: 'reference', baseUrl: server.url, email: server.email, password: server.password },
    ...(options.log ? { log: options.log } : {}),
    ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
  })

  const notices = new EventEmitter<{ notices: [QueueNotice[]]; tray: [TrayState] }>()
  const planner = new NotificationPlanner(DEFAULT_PLANNER_SETTINGS)
  let tray = trayState(0, [], false)
  // Subscribed before the core starts, so the bootstrap is seen as the bootstrap.
  const watcher = watchQueue({
    core,
    planner,
    onNotices: (list) => notices.emit('notices', list),
    onTray: (state) => {
      tray = state
      notices.emit('tray', state)
    },
    ...(options.overdueEveryMs ? { overdueEveryMs: options.overdueEveryMs } : {}),
  })

  try {
    await core.start()
  } catch (error) {
    watcher.stop()
    await embedded?.close()
    throw error
  }
  watcher.refresh()

  return {
    core,
    server,
    embedded,
    planner,
    on(event, listener) {
      if (event !== 'queue:notices') return core.on(event, listener)
      const relay = listener as (payload: QueueNotice[]) => void
      notices.on('notices', relay)
      return () => notices.off('notices', relay)
    },
    onTray(listener) {
      listener(tray)
      notices.on('tray', listener)
      return () => notices.off('tray', listener)
    },
    async stop() {
      watcher.stop()
      notices.removeAllListeners()
      await core.stop()
      await embedded?.close()
    },
  }
}
