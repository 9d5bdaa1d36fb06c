import type { Database } from 'better-sqlite3'
import type { ConnectionState } from '../../../shared/ipc'
import type { Backend, BackendChange, Skipped, ThreadSlice } from '../backend/backend'
import { BackendError, CursorExpiredError, isCursorExpired } from '../backend/errors'
import { failureReason } from '../backend/failure-reason'
import { setNeedsResync } from '../db/queries/refetch'
import { readSyncState, setCursor, setDataset, setMe } from '../db/queries/sync-state'
import { replaceWorkspace, upsertAgent } from '../db/queries/workspace'
import type { Log } from '../log'
import { AwaitingBackfill, type AwaitingPacing } from './awaiting-backfill'
import { backoffDelay, DEFAULT_BACKOFF, sleep, yieldToEventLoop, type BackoffOptions } from './backoff'
import { bootstrap } from './bootstrap'
import { Checkpointer } from './checkpointer'
import { ConnectionTracker } from './connection-state'
import { LogFollower } from './log-follower'
import { retryingTransient, type Retrying } from './request-retry'
import { Refetcher } from './refetcher'
import { ResyncGate } from './resync-gate'
import { Retention } from './retention'
import { SearchTidy } from './search-tidy'
import { SyncWriter } from './sync-writer'
import { ThreadLoader } from './thread-loader'
import { SYSTEM_CLOCKS, WakeWatch, type WakeClocks } from './wake-watch'

/** Live events are committed in batches of at most this many (or whatever arrived in one tick). */
const LIVE_BATCH_MAX = 500
/**
 * A stream open this long counts as working (as does a committed live batch): the next failure is
 * retried quickly again. Opening proves nothing, nor does the comment a server sends at once: one
 * that drops the stream at once, or answers it 503 after a good catch-up, must meet a growing
 * backoff, not a reconnect every few hundred milliseconds.
 */
const STREAM_SETTLED_MS = 10_000

export interface SyncSink {
  cacheChanged(conversationIds: number[], reset: boolean): void
  workspaceChanged(): void
  /** New entries reached the cache's Log History, or it was emptied. */
  logChanged(): void
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
  /** Least time between two bootstraps forced by malformed records without an id. */
  resyncMinIntervalMs?: number
  /** Least time between two pulls of the assignment log (see LogFollower). */
  logSpacingMs?: number
  /** Rest between the pages of a long Log History copy (tests shorten or lengthen it). */
  logCatchUpRestMs?: number
  /** Pacing of the lookups of waits only estimated (see AwaitingBackfill). */
  awaiting?: AwaitingPacing
  now?: () => number
  /** This computer's clocks, compared to notice a sleep or a pause (see WakeWatch). */
  clocks?: WakeClocks
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
  private readonly checkpointer: Checkpointer
  /** Every sync write of any size goes through it (a worker thread's connection, see SyncWriter). */
  private readonly writer: SyncWriter
  /** Log History's copy of the backend's assignment log, pulled once the cache is current and as hand-offs may arrive. */
  private readonly logs: LogFollower
  /** Attempts that failed in a row: the next pause grows with them. */
  private failures = 0
  /** Aborted to cut short the backoff pauses under way (and replaced): connect again now. */
  private backoffCut = new AbortController()
  private readonly wakeWatch: WakeWatch
  /** Since when customers wait, where the cache knows it only from a last message: looked up while live. */
  private readonly awaiting: AwaitingBackfill
  /** Every request of the sync goes through it: a transient failure is tried again after a pause. */
  private readonly retrying: Retrying
  /** The window of resolved conversations the cache keeps, and pruning what aged out of it. */
  private readonly retention: Retention
  /** Threads the supervisor opened or scrolled back in: a live batch committed while one is fetched keeps its messages. */
  private readonly threads: ThreadLoader
  /** Merges the search index's segments once the cache is current, in small steps with rests. */
  private readonly searchTidy: SearchTidy
  /** Conversations whose record arrived malformed, fetched again one by one. */
  private readonly refetcher: Refetcher
  /** Records without a usable id: a bootstrap to sweep them, spaced out. */
  private readonly resyncs: ResyncGate

  constructor(private readonly options: SyncOptions) {
    this.now = options.now ?? Date.now
    this.retrying = retryingTransient({
      log: options.log,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      stopped: () => this.stopped,
      pauseSignals: () => [this.wake.signal, this.backoffCut.signal],
      checkpoint: this.checkpoint,
    })
    this.checkpointer = new Checkpointer(options.db, options.log)
    this.writer = new SyncWriter(options.db, options.log)
    this.retention = new Retention({
      writer: this.writer,
      retentionDays: options.retentionDays,
      now: () => this.now(),
      removed: (ids) => options.sink.cacheChanged(ids, false),
    })
    this.threads = new ThreadLoader({
      writer: this.writer,
      now: () => this.now(),
      stopped: () => this.stopped,
      changed: (ids) => options.sink.cacheChanged(ids, false),
    })
    this.searchTidy = new SearchTidy({ db: options.db, writer: this.writer, log: options.log, signal: this.wake.signal })
    this.refetcher = new Refetcher({
      db: options.db,
      writer: this.writer,
      fetch: (id) => options.backend.getConversation(id),
      retrying: (request) => this.retrying(request),
      checkpoint: this.checkpoint,
      windowStart: () => this.retention.windowStart(),
      now: () => this.now(),
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      refetched: (id) => {
        options.sink.cacheChanged([id], false)
        // Seen in its newest version only: its wait may be an estimate now.
        this.awaiting.wake()
      },
    })
    this.resyncs = new ResyncGate({ db: options.db, now: () => this.now(), minIntervalMs: options.resyncMinIntervalMs })
    this.logs = new LogFollower({
      db: options.db,
      backend: options.backend,
      writer: this.writer,
      log: options.log,
      windowStart: () => this.retention.windowStart(),
      retrying: (request) => this.retrying(request),
      changed: () => options.sink.logChanged(),
      signal: this.wake.signal,
      spacingMs: options.logSpacingMs,
      catchUpRestMs: options.logCatchUpRestMs,
    })
    this.wakeWatch = new WakeWatch((lostMs) => this.woke(lostMs), options.clocks ?? SYSTEM_CLOCKS)
    this.awaiting = new AwaitingBackfill({
      db: options.db,
      backend: options.backend,
      writer: this.writer,
      log: options.log,
      live: () => this.connection.current.status === 'online',
      changed: (ids) => options.sink.cacheChanged(ids, false),
      signal: this.wake.signal,
      now: () => this.now(),
      ...options.awaiting,
    })
    this.connection = new ConnectionTracker(options.backend.server, readSyncState(options.db).lastSyncedAt, (s) =>
      options.sink.connectionChanged(s),
    )
  }

  start(): void {
    if (this.loop) return
    this.checkpointer.start()
    this.writer.start()
    this.wakeWatch.start()
    this.loop = this.run()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wakeWatch.stop()
    this.wake.abort()
    this.endLive?.()
    this.options.backend.close()
    await this.loop
    // Started by the stream (a heartbeat, a batch with skipped records) rather than by the loop,
    // they may still be on their way: the writer goes only after them, or they would write to it gone.
    await this.refetcher.settled()
    await this.retention.settled()
    await this.searchTidy.settled()
    await this.logs.settled()
    await this.awaiting.settled()
    await this.writer.stop()
    await this.checkpointer.stop()
  }

  /** Fetches a thread the supervisor opened and writes it (see ThreadLoader). */
  loadThread(conversationId: number, fetch: () => Promise<ThreadSlice>): Promise<void> {
    return this.threads.loadThread(conversationId, fetch)
  }

  /** Fetches messages older than a cached thread's oldest and writes them (see ThreadLoader). */
  loadEarlierMessages(conversationId: number, fetch: () => Promise<ThreadSlice>): Promise<void> {
    return this.threads.loadEarlierMessages(conversationId, fetch)
  }

  /**
   * The server's clock was read anew: said in the connection state, and kept with the cache (through
   * the writer, as every write of the sync) for a start without a connection.
   */
  clockOffset(offsetMs: number): void {
    this.connection.clockOffset(offsetMs)
    if (this.stopped) return
    this.writer.run({ kind: 'clock-offset', offsetMs }).catch((error: unknown) => this.stopped || this.options.log('warn', 'clock offset not kept', { message: String(error) }))
  }

  private checkpoint = (): void => {
    if (this.stopped) throw new Stopped()
  }

  /**
   * The computer slept or the process was paused (see WakeWatch): the stream and every connection
   * kept for reuse may be dead without a word, and waiting for the stream's silence timeout kept
   * Observe saying Online over an old cache for up to 45 s after a laptop woke. The attempt starts
   * over at once, with no backoff: the failures before the sleep say nothing of the network now.
   */
  private woke(lostMs: number): void {
    if (this.stopped) return
    this.options.log('info', 'the computer slept or Observe was paused: connecting again', { seconds: Math.round(lostMs / 1000) })
    this.failures = 0
    this.options.backend.dropConnections?.()
    this.backoffCut.abort()
    this.backoffCut = new AbortController()
    if (this.endLive) {
      // Until the server answers again, nothing says it is there: offline, as after any lost stream.
      this.connection.set('offline', { text: 'connecting again after a sleep or a pause', reason: 'resuming' })
      this.endLive()
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.connect()
        await this.catchUp()
        // Only a live stream that worked ends the backoff: the requests before it may all succeed
        // against a server whose stream does not.
        await this.live(() => {
          this.failures = 0
        })
      } catch (error) {
        if (this.stopped || error instanceof Stopped) break
        if (isCursorExpired(error)) {
          // The rows stay on screen; the bootstrap sweeps whatever it does not see again.
          this.options.log('info', 'change cursor expired: bootstrapping again')
          setCursor(this.options.db, null, null)
          continue
        }
        const message = error instanceof Error ? error.message : String(error)
        this.options.log(error instanceof BackendError ? 'warn' : 'error', 'sync attempt failed', { message })
        this.connection.set('offline', { text: message, reason: failureReason(error) })
        await sleep(backoffDelay(this.failures++, this.options.backoff ?? DEFAULT_BACKOFF), this.wake.signal, this.backoffCut.signal)
      }
    }
  }

  /** Sign in, refresh the workspace, and make sure the cache holds this dataset's window. */
  private async connect(): Promise<void> {
    const { db, backend, sink } = this.options
    const me = await backend.signIn()
    const ws = await this.retrying(() => backend.getWorkspace())
    // Only a server that answered counts as syncing; failed retries stay offline with their error
    // shown. Not the sign-in: with a token kept, it answers without asking the server.
    this.connection.set('syncing')
    this.checkpoint()
    const stored = readSyncState(db)
    const otherDataset = stored.datasetId !== null && stored.datasetId !== ws.datasetId
    if (otherDataset) {
      this.options.log('info', 'the server holds another dataset: dropping the cache', { from: stored.datasetId, to: ws.datasetId })
      await this.writer.run({ kind: 'drop' })
    }
    db.transaction(() => {
      replaceWorkspace(db, ws)
      if (!ws.agents.some((a) => a.id === me.id)) upsertAgent(db, me)
      setMe(db, me.id)
      setDataset(db, ws.datasetId)
    }).immediate()
    sink.workspaceChanged()
    if (otherDataset) {
      sink.cacheChanged([], true)
      sink.logChanged()
    }
    const cached = readSyncState(db)
    const resolvedSince = this.retention.windowStart()
    // The change feed only says what changed: resolved conversations older than the window the
    // cache was bootstrapped with never come through it, so a longer window copies it again.
    const windowGrew = cached.cursor !== null && this.retention.grew(cached.resolvedSince, resolvedSince)
    if (windowGrew) this.options.log('info', 'the retention window grew: bootstrapping again', { from: cached.resolvedSince, to: resolvedSince })
    if (cached.cursor === null || windowGrew) {
      this.options.log('info', 'bootstrap started', { cursor: ws.cursor })
      await bootstrap({
        db,
        writer: this.writer,
        startCursor: ws.cursor,
        resolvedSince,
        fetchPage: (page) =>
          this.retrying(async () => {
            const args = { page, resolvedSince, limit: this.options.pageSize }
            // Where the writer is a thread, the pages can go from the backend's thread to it without being decoded here.
            const result =
              this.writer.threaded && backend.listConversationsPacked ? await backend.listConversationsPacked(args) : await backend.listConversations(args)
            if (result.unidentified > 0) this.options.log('warn', 'bootstrap page held records without a usable id', { n: result.unidentified })
            return result
          }),
        onPage: (ids) => ids.length > 0 && sink.cacheChanged(ids, false),
        checkpoint: this.checkpoint,
        now: this.now,
      })
    }
  }

  /** Pages through the change feed until it has nothing more, each page and its cursor in one transaction. */
  private async catchUp(): Promise<void> {
    const { db, backend } = this.options
    for (;;) {
      const cursor = readSyncState(db).cursor
      if (cursor === null) throw new CursorExpiredError('no cursor after bootstrap')
      const page = await this.retrying(() => backend.getChanges(cursor))
      this.checkpoint()
      await this.commit(page.changes, page.cursor, page)
      if (!page.hasMore) break
      await yieldToEventLoop()
      this.checkpoint()
    }
    await this.retention.prune()
    await this.refetcher.run()
    if (this.resyncs.claim()) {
      // A record came without a usable id: only a bootstrap that sweeps can make the cache exact.
      this.options.log('warn', 'a malformed record could not be identified: bootstrapping again')
      db.transaction(() => {
        setNeedsResync(db, false)
        setCursor(db, null, null)
      }).immediate()
      throw new CursorExpiredError('resync after an unidentified malformed record')
    }
    this.connection.synced(this.now())
    this.searchTidy.tidy()
    void this.logs.follow()
  }

  /** Applies a batch and moves the cursor in one transaction; announces what changed once it is committed. */
  private async commit(changes: BackendChange[], cursor: string, skipped: Skipped = { skippedIds: [], unidentified: 0 }): Promise<void> {
    const applied = await this.writer.run({ kind: 'apply', changes, cursor, now: this.now(), skipped, loading: this.threads.loading() })
    if (applied.conversationIds.length > 0) {
      this.options.sink.cacheChanged(applied.conversationIds, false)
      // A hand-off changes its conversation; the log says who made it.
      void this.logs.follow()
      // A batch that missed a version leaves a wait estimated; one that answered ends a lookup's need.
      this.awaiting.wake()
    }
    if (applied.workspaceChanged) this.options.sink.workspaceChanged()
  }

  /**
   * Follows the subscription until it ends; rejects with why it ended. Batches that arrive while
   * one commits wait and go together in the next; when the stream ends, what it delivered is
   * committed before the promise settles. `onHealthy` is told once a batch is committed, or the
   * stream stayed open STREAM_SETTLED_MS.
   */
  private live(onHealthy: () => void): Promise<void> {
    const cursor = readSyncState(this.options.db).cursor
    if (cursor === null) return Promise.reject(new CursorExpiredError('no cursor'))
    return new Promise<void>((resolve, reject) => {
      let pending: BackendChange[] = []
      let pendingSkipped: Skipped = { skippedIds: [], unidentified: 0 }
      let pendingCursor: string | null = null
      let scheduled = false
      let committing: Promise<void> | null = null
      let failure: Error | null = null
      let ending = false
      let settled: ReturnType<typeof setTimeout> | undefined

      /** Commits what is pending, and again whatever arrived meanwhile, until nothing is left. */
      const commitPending = async (): Promise<void> => {
        while (pendingCursor !== null && !this.stopped && failure === null) {
          const [changes, next, skipped] = [pending, pendingCursor, pendingSkipped]
          pending = []
          pendingSkipped = { skippedIds: [], unidentified: 0 }
          pendingCursor = null
          try {
            await this.commit(changes, next, skipped)
            this.connection.synced(this.now())
            onHealthy()
          } catch (error) {
            failure = error instanceof Error ? error : new Error(String(error))
            subscription.close()
            return
          }
          if (skipped.unidentified > 0 && this.resyncs.claim()) {
            subscription.close()
            failure = new CursorExpiredError('an unidentified malformed record arrived: bootstrapping again')
          } else if (skipped.skippedIds.length > 0) {
            this.refetcher.run().catch((error: unknown) => this.stopped || this.options.log('warn', 'refetch failed', { message: String(error) }))
          }
        }
      }
      const flush = (): void => {
        scheduled = false
        // A commit under way takes what arrived meanwhile as soon as it is done.
        if (committing) return
        committing = commitPending().finally(() => {
          committing = null
          if (failure) end(failure)
        })
      }
      const end = (error: Error | null): void => {
        if (ending) return
        ending = true
        clearTimeout(settled)
        this.endLive = null
        void (async () => {
          if (committing) await committing
          await commitPending()
          const why = failure ?? error
          if (why) reject(why)
          else resolve()
        })()
      }
      const subscription = this.options.backend.subscribe(cursor, {
        onOpen: () => {
          this.connection.set('online')
          // Live: the waits a bootstrap or a catch-up left estimated can be looked up now.
          this.awaiting.wake()
          if (!ending) settled = setTimeout(onHealthy, STREAM_SETTLED_MS)
        },
        onBatch: (batch) => {
          pending.push(...batch.changes)
          pendingSkipped.skippedIds.push(...batch.skippedIds)
          pendingSkipped.unidentified += batch.unidentified
          pendingCursor = batch.cursor
          if (pending.length >= LIVE_BATCH_MAX) flush()
          else if (!scheduled) {
            scheduled = true
            setImmediate(flush)
          }
        },
        onHeartbeat: () => {
          if (pendingCursor !== null || committing || this.stopped) return
          const at = this.now()
          // Through the writer like every sync write: here it would wait for the writer's transaction.
          this.writer.run({ kind: 'heartbeat', at }).then(
            () => this.connection.synced(at),
            (error: unknown) => this.stopped || this.options.log('warn', 'heartbeat not recorded', { message: String(error) }),
          )
          if (this.retention.pruneDue(at)) {
            this.retention.prune().catch((error: unknown) => this.stopped || this.options.log('warn', 'prune failed', { message: String(error) }))
          }
          // A deferred refetch falls due while the stream may stay up for days.
          this.refetcher.run().catch((error: unknown) => this.stopped || this.options.log('warn', 'refetch failed', { message: String(error) }))
        },
        onReset: () => end(new CursorExpiredError()),
        onError: (error) => end(error),
      })
      this.endLive = () => {
        subscription.close()
        end(null)
      }
    })
  }
}
