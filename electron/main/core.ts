/**
 * The main-process core in plain Node: cache, sync and IPC handling, with no Electron in sight.
 * Electron's main process wires it to ipcMain and windows; browser mode and tests use it directly.
 */
import { join } from 'node:path'
import type { IpcEventName, IpcEventPayload, IpcResult } from '../../shared/ipc'
import { fail } from '../../shared/ipc'
import type { Backend } from './backend/backend'
import { ReferenceBackend } from './backend/reference/reference-backend'
import { CoreEvents } from './core-events'
import { openDatabase, type Database } from './db/connection'
import { migrateOffThread } from './db/migrate-off-thread'
import { countConversations } from './db/queries/conversations'
import { readSyncState } from './db/queries/sync-state'
import { actionHandlers } from './ipc/actions'
import { connectionHandlers } from './ipc/connection'
import { conversationHandlers } from './ipc/conversations'
import { logHistoryHandlers } from './ipc/log-history'
import { createRouter, type IpcRouter } from './ipc/router'
import type { CoreChannel } from './ipc/types'
import { workspaceHandlers } from './ipc/workspace'
import { silentLog, type Log } from './log'
import { OutboxService } from './outbox/service'
import type { AwaitingPacing } from './sync/awaiting-backfill'
import type { BackoffOptions } from './sync/backoff'
import { SyncEngine } from './sync/sync-engine'
import type { WakeClocks } from './sync/wake-watch'

/**
 * Conversations per bootstrap page: the Interaction API's largest. Against 250, a bootstrap makes
 * a quarter of the requests and thread messages; over 7 interleaved 100k runs here it was
 * 9% faster on average (6,987 against 6,405 conv/s), and each page is still a few hundred kB.
 */
const BOOTSTRAP_PAGE_ROWS = 1000
const DAY_MS = 86_400_000

export type { Backend } from './backend/backend'
export { DbVersionFromFutureError } from './db/connection'
export type { Log, LogLevel } from './log'

export type BackendOptions =
  | { kind: 'reference'; baseUrl: string; email: string; password: string }
  /** A ready-made backend (tests, and connectors not built in yet). */
  | { kind: 'custom'; backend: Backend }

export interface CoreOptions {
  dataDir: string
  backend: BackendOptions
  /** Resolved conversations older than this many days are not cached. Default 30. */
  retentionDays?: number
  log?: Log
  /**
   * Tuning, mostly for tests: bootstrap page size, reconnect backoff, stream silence timeout, event
   * coalescing, assignment log pulls, the clocks that tell a sleep, lookups of waits.
   */
  sync?: {
    pageSize?: number
    backoff?: BackoffOptions
    streamIdleTimeoutMs?: number
    eventIntervalMs?: number
    logSpacingMs?: number
    logCatchUpRestMs?: number
    clocks?: WakeClocks
    awaiting?: AwaitingPacing
  }
  /** Retry backoff of the action outbox (tests shorten it). */
  outbox?: { backoff?: BackoffOptions }
}

export interface Core {
  /** Opens the cache and starts the sync in the background; resolves once the cache is open, whatever the network does. */
  start(): Promise<void>
  stop(): Promise<void>
  /** Answers one renderer request; never throws. */
  handle(channel: unknown, input: unknown): Promise<IpcResult<unknown>>
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void
}

/** Where the cache lives under the app's data directory. */
export const cacheFile = (dataDir: string): string => join(dataDir, 'data', 'cache.sqlite')

function createBackend(options: CoreOptions, log: Log): Backend {
  if (options.backend.kind === 'custom') return options.backend.backend
  return new ReferenceBackend({ ...options.backend, log, streamIdleTimeoutMs: options.sync?.streamIdleTimeoutMs })
}

export function createCore(options: CoreOptions): Core {
  const log = options.log ?? silentLog
  const retentionDays = options.retentionDays ?? 30
  let db: Database | null = null
  let engine: SyncEngine | null = null
  let backend: Backend | null = null
  let outbox: OutboxService | null = null
  const events = new CoreEvents(() => (db ? countConversations(db) : null), options.sync?.eventIntervalMs)
  // Outbox events go out at once (the action list is small); CoreEvents carries the rest.
  const outboxListeners = new Set<(payload: IpcEventPayload<'outbox:changed'>) => void>()

  /** Every timestamp in the cache is the server's; so are the core's own (see ServerClock). */
  const serverNow = (): number => backend?.clock?.now() ?? Date.now()

  const openDb = (): Database => {
    if (!db) throw new Error('the core is not started')
    return db
  }

  const router: IpcRouter = createRouter<CoreChannel>(
    {
      ...workspaceHandlers({ db: openDb }),
      ...logHistoryHandlers({ db: openDb }),
      ...conversationHandlers({
        db: openDb,
        loadThread: async (id) => {
          if (!engine || !backend) throw new Error('the core is not started')
          await engine.loadThread(id, () => backend!.getMessages(id))
        },
        loadEarlierMessages: async (id, before) => {
          if (!engine || !backend) throw new Error('the core is not started')
          await engine.loadEarlierMessages(id, () => backend!.getMessages(id, before))
        },
        isOffline: () => engine?.connection.current.status === 'offline',
        // Beyond the window only: what the cache keeps it shows already.
        searchHistory: (query, limit, after) =>
          backend!.searchConversations({ query, limit, resolvedBefore: serverNow() - retentionDays * DAY_MS, ...(after ? { after } : {}) }),
        fetchFromServer: async (id) => {
          const [conversation, thread] = await Promise.all([backend!.getConversation(id), backend!.getMessages(id)])
          return { conversation, thread }
        },
        now: serverNow,
      }),
      ...connectionHandlers({
        connection: () =>
          engine?.connection.current ?? { status: 'offline', lastSyncedAt: null, server: backend?.server ?? '', error: 'not started', reason: 'other' },
      }),
      ...actionHandlers({
        outbox: () => {
          if (!outbox) throw new Error('the core is not started')
          return outbox
        },
      }),
    },
    log,
  )

  /** The start in progress: the cache migrates off the main thread first (see migrateOffThread). */
  let starting: Promise<void> | null = null
  let stopCount = 0

  async function open(): Promise<void> {
    const file = cacheFile(options.dataDir)
    const stops = stopCount
    await migrateOffThread(file)
    // Stopped while the cache was migrating.
    if (stops !== stopCount) return
    db = openDatabase(file)
    backend = createBackend(options, log)
    /**
     * The dataset the sync confirmed on this connection: the outbox sends nothing until it is
     * known, since a server that comes back may hold other data.
     */
    let confirmedDataset: string | null = null
    outbox = new OutboxService({
      db,
      backend,
      log,
      dataset: () => confirmedDataset,
      now: serverNow,
      backoff: options.outbox?.backoff ?? options.sync?.backoff,
      events: {
        actionsChanged: (actions) => {
          for (const listener of outboxListeners) {
            try {
              listener({ actions })
            } catch {
              // One broken listener must not stop the others.
            }
          }
        },
        conversationsChanged: (ids) => events.cacheChanged(ids, false),
      },
    })
    /** Whether the last state said online: the outbox hears of the way back, not of every sync. */
    let online = false
    engine = new SyncEngine({
      db,
      backend,
      log,
      retentionDays,
      now: serverNow,
      pageSize: options.sync?.pageSize ?? BOOTSTRAP_PAGE_ROWS,
      backoff: options.sync?.backoff,
      logSpacingMs: options.sync?.logSpacingMs,
      logCatchUpRestMs: options.sync?.logCatchUpRestMs,
      clocks: options.sync?.clocks,
      awaiting: options.sync?.awaiting,
      sink: {
        cacheChanged: (ids, reset) => events.cacheChanged(ids, reset),
        workspaceChanged: () => events.workspaceChanged(),
        logChanged: () => events.logChanged(),
        connectionChanged: (state) => {
          events.connectionChanged(state)
          // Every live commit moves lastSyncedAt and so comes here, still online. Waking the outbox
          // then wrote to the cache from this thread each time, which waited on the writer
          // thread's transaction (SQLite's busy wait) while IPC calls queued behind it.
          const back = state.status === 'online' && !online
          online = state.status === 'online'
          if (!online) confirmedDataset = null
          if (back && db) confirmedDataset = readSyncState(db).datasetId
          if (back) outbox?.online()
        },
      },
    })
    const started = engine
    // Until an answer reads the server's clock anew, the offset last read holds: an Observe started
    // offline measures the cache's timestamps by the server's clock all the same.
    const known = readSyncState(db).clockOffsetMs
    backend.clock?.seed(known)
    if (backend.clock && known !== 0) engine.connection.clockOffset(known)
    backend.clock?.onChange((offsetMs) => started.clockOffset(offsetMs))
    engine.start()
    outbox.start()
  }

  return {
    async start() {
      if (db) return
      // Calls made while the cache migrates wait for the same start.
      starting ??= open().finally(() => (starting = null))
      return starting
    },

    async stop() {
      stopCount++
      // The pusher stops first so closing the backend (which aborts its request) ends it quietly.
      const outboxStopped = outbox?.stop()
      await engine?.stop()
      await outboxStopped
      outbox = null
      events.flush()
      events.dispose()
      db?.close()
      db = null
      engine = null
    },

    async handle(channel, input) {
      if (!db) return fail({ code: 'internal', message: 'the core is not started' })
      return router(channel, input)
    },

    on: (event, listener) => {
      if (event !== 'outbox:changed') return events.on(event, listener)
      const typed = listener as (payload: IpcEventPayload<'outbox:changed'>) => void
      outboxListeners.add(typed)
      return () => outboxListeners.delete(typed)
    },
  }
}
