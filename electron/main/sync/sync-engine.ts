import type { Database } from 'better-sqlite3'
import type { ConnectionState } from '../../../shared/ipc'
import type { Backend, BackendChange } from '../backend/backend'
import { BackendError, CursorExpiredError, isCursorExpired } from '../backend/errors'
import { pruneResolved } from '../db/queries/conversations'
import { readSyncState, setDataset, setLastSyncedAt, setMe, setResolvedSince } from '../db/queries/sync-state'
import { replaceWorkspace, upsertAgent } from '../db/queries/workspace'
import type { Log } from '../log'
import { applyChanges } from './apply'
import { backoffDelay, DEFAULT_BACKOFF, sleep, yieldToEventLoop, type BackoffOptions } from './backoff'
import { bootstrap, dropSyncedData } from './bootstrap'
import { ConnectionTracker } from './connection-state'

const DAY_MS = 86_400_000
/** Live events are committed in batches of at most this many (or whatever arrived in one tick). */
const LIVE_BATCH_MAX = 500
/** A connection can stay live for days; aged-out resolved conversations still have to leave. */
const PRUNE_EVERY_MS = 3_600_000

export interface SyncSink {
  cacheChanged(conversationIds: number[], reset: boolean): void
  workspaceChanged(): void
  connectionChanged(state: ConnectionState): void
}

export interface SyncOptions {
  db: Database
  backend: Backend
  sink: SyncSink
  log: Log
  retentionDays: number
  pageSize: number
  backoff?: BackoffOptions
  now?: () => number
}

class Stopped extends Error {}

/**
 * Keeps the cache equal to the backend: sign in, workspace, bootstrap when there is no cursor,
 * catch up page by page, then follow the live subscription. Any failure ends the attempt; the
 * loop waits (backoff + jitter) and starts the next one from the stored cursor.
 */
export class SyncEngine {
  readonly connection: ConnectionTracker
  private stopped = false
  private readonly wake = new AbortController()
  private loop: Promise<void> | null = null
  private endLive: (() => void) | null = null
  private readonly now: () => number
  private lastPrune = 0

  constructor(private readonly options: SyncOptions) {
    this.now = options.now ?? Date.now
    this.connection = new ConnectionTracker(options.backend.server, readSyncState(options.db).lastSyncedAt, (s) =>
      options.sink.connectionChanged(s),
    )
  }

  start(): void {
    this.loop ??= this.run()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wake.abort()
    this.endLive?.()
    this.options.backend.close()
    await this.loop
  }

  private checkpoint = (): void => {
    if (this.stopped) throw new Stopped()
  }

  private async run(): Promise<void> {
    let attempt = 0
    while (!this.stopped) {
      try {
        await this.connect()
        attempt = 0
        await this.catchUp()
        await this.live(() => {
          attempt = 0
        })
      } catch (error) {
        if (this.stopped || error instanceof Stopped) break
        if (isCursorExpired(error)) {
          this.options.log('info', 'change cursor expired: bootstrapping again')
          dropSyncedData(this.options.db)
          this.options.sink.cacheChanged([], true)
          continue
        }
        const message = error instanceof Error ? error.message : String(error)
        this.options.log(error instanceof BackendError ? 'warn' : 'error', 'sync attempt failed', { message })
        this.connection.set('offline', message)
        await sleep(backoffDelay(attempt++, this.options.backoff ?? DEFAULT_BACKOFF), this.wake.signal)
      }
    }
  }

  /** Sign in, refresh the workspace, and make sure the cache holds this dataset's window. */
  private async connect(): Promise<void> {
    const { db, backend, sink } = this.options
    const me = await backend.signIn()
    // Only a reachable server counts as syncing; failed retries stay offline with their error shown.
    this.connection.set('syncing')
    const ws = await backend.getWorkspace()
    this.checkpoint()
    const stored = readSyncState(db)
    const otherDataset = stored.datasetId !== null && stored.datasetId !== ws.datasetId
    if (otherDataset) {
      this.options.log('info', 'the server holds another dataset: dropping the cache', { from: stored.datasetId, to: ws.datasetId })
      dropSyncedData(db)
    }
    db.transaction(() => {
      replaceWorkspace(db, ws)
      if (!ws.agents.some((a) => a.id === me.id)) upsertAgent(db, me)
      setMe(db, me.id)
      setDataset(db, ws.datasetId)
    }).immediate()
    sink.workspaceChanged()
    if (otherDataset) sink.cacheChanged([], true)
    if (readSyncState(db).cursor === null) {
      this.options.log('info', 'bootstrap started', { cursor: ws.cursor })
      await bootstrap({
        db,
        backend,
        startCursor: ws.cursor,
        resolvedSince: this.windowStart(),
        pageSize: this.options.pageSize,
        onPage: (ids) => ids.length > 0 && sink.cacheChanged(ids, false),
        checkpoint: this.checkpoint,
        now: this.now,
      })
    }
  }

  private windowStart(): number {
    return Math.max(0, this.now() - this.options.retentionDays * DAY_MS)
  }

  /** Pages through the change feed until it has nothing more, each page and its cursor in one transaction. */
  private async catchUp(): Promise<void> {
    const { db, backend } = this.options
    for (;;) {
      const cursor = readSyncState(db).cursor
      if (cursor === null) throw new CursorExpiredError('no cursor after bootstrap')
      const page = await backend.getChanges(cursor)
      this.checkpoint()
      this.commit(page.changes, page.cursor)
      if (!page.hasMore) break
      await yieldToEventLoop()
      this.checkpoint()
    }
    this.prune()
    this.connection.synced(this.now())
  }

  /** Resolved conversations that aged out of the window leave the cache, and the window moves on. */
  private prune(): void {
    const { db, sink } = this.options
    const since = this.windowStart()
    this.lastPrune = this.now()
    const removed = db
      .transaction(() => {
        setResolvedSince(db, since)
        return pruneResolved(db, since)
      })
      .immediate()
    if (removed.length > 0) sink.cacheChanged(removed, false)
  }

  private commit(changes: BackendChange[], cursor: string): void {
    const applied = applyChanges(this.options.db, changes, cursor, this.now())
    if (applied.conversationIds.length > 0) this.options.sink.cacheChanged(applied.conversationIds, false)
    if (applied.workspaceChanged) this.options.sink.workspaceChanged()
  }

  /** Follows the subscription until it ends; rejects with why it ended. */
  private live(onHealthy: () => void): Promise<void> {
    const cursor = readSyncState(this.options.db).cursor
    if (cursor === null) return Promise.reject(new CursorExpiredError('no cursor'))
    return new Promise<void>((resolve, reject) => {
      let pending: BackendChange[] = []
      let pendingCursor: string | null = null
      let scheduled = false
      const flush = (): void => {
        scheduled = false
        if (pendingCursor === null || this.stopped) return
        const [changes, next] = [pending, pendingCursor]
        pending = []
        pendingCursor = null
        try {
          this.commit(changes, next)
          this.connection.synced(this.now())
        } catch (error) {
          subscription.close()
          reject(error)
        }
      }
      const finish = (error: Error | null): void => {
        flush()
        this.endLive = null
        if (error) reject(error)
        else resolve()
      }
      const subscription = this.options.backend.subscribe(cursor, {
        onOpen: () => {
          onHealthy()
          this.connection.set('online')
        },
        onBatch: (batch) => {
          pending.push(...batch.changes)
          pendingCursor = batch.cursor
          if (pending.length >= LIVE_BATCH_MAX) flush()
          else if (!scheduled) {
            scheduled = true
            setImmediate(flush)
          }
        },
        onHeartbeat: () => {
          if (pendingCursor !== null || this.stopped) return
          const at = this.now()
          setLastSyncedAt(this.options.db, at)
          this.connection.synced(at)
          if (at - this.lastPrune >= PRUNE_EVERY_MS) this.prune()
        },
        onReset: () => finish(new CursorExpiredError()),
        onError: (error) => finish(error),
      })
      this.endLive = () => {
        subscription.close()
        finish(null)
      }
    })
  }
}
