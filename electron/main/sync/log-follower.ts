import type { Database } from 'better-sqlite3'
import type { Backend } from '../backend/backend'
import { readLogAfter, readLogOlder, type LogOlder } from '../db/queries/assignment-log'
import type { Log } from '../log'
import { sleep } from './backoff'
import type { SyncWriter } from './sync-writer'

/**
 * Records per request: a quarter of the Interaction API's largest page. Each page is parsed and
 * checked on the main thread, where 1,000 records took 3–10 ms; a first copy of a month is a run of
 * such pieces beside the live changes, and shorter ones keep each stall of it short.
 */
const LOG_PAGE = 250
/**
 * Least time between two pulls. Every live batch may carry a hand-off, and a busy floor commits
 * several batches a second; Log History is read by a person, for whom a second is current.
 */
export const LOG_PULL_SPACING_MS = 1000
/**
 * Rest between pages while more are waiting. A first copy of a busy month is hundreds of pages,
 * pulled just as the sync goes live: read back to back, the server answering them and the writer
 * committing them took the machine from the live changes (in the quick bench, with the demo's
 * 20,000 seeded hand-offs on a loaded machine, the live p95 went from 17–49 ms to 61–136 ms).
 * History can wait a little; live changes cannot. About 7,000 records a second still come through.
 */
export const LOG_CATCH_UP_REST_MS = 25

export interface LogFollowerOptions {
  db: Database
  backend: Backend
  writer: SyncWriter
  log: Log
  /** Where the cache's window starts now: older records are not kept. */
  windowStart: () => number
  /** Runs a request with the sync's retries for transient failures. */
  retrying: <T>(request: () => Promise<T>) => Promise<T>
  /** Told once new entries are committed. */
  changed: () => void
  /** Ends a pause early when the sync stops. */
  signal: AbortSignal
  spacingMs?: number
  /** Rest between the pages of one pull while more are waiting. */
  catchUpRestMs?: number
}

/**
 * Copies the backend's assignment log into the cache, each page and the cursors past it in one
 * transaction. The log is a side of the sync, not its core: a failed pull is logged and the next
 * call starts again from the stored cursors.
 *
 * Live, it reads on from the highest id copied. A long copy (the first, or after long offline)
 * would bring weeks-old hand-offs first and the newest last, Log History showing old ones at its
 * top for the whole copy: when the backend reads its log newest first, the copy takes the newest
 * page at once and then reads older pages down to what it held before (or the window's start),
 * one per rest, with what is new read first whenever the live changes bring some. One stretch of
 * older pages waits at a time: a second long gap meanwhile is read forward, as before.
 */
export class LogFollower {
  private running: Promise<void> | null = null
  private again = false
  private lastPull = Number.NEGATIVE_INFINITY
  /** Cleared once the backend answers that it does not read its log newest first. */
  private newestFirst = true

  constructor(private readonly options: LogFollowerOptions) {}

  /** Pulls what is new. Called while a pull runs, that run goes round once more after its pause. Never rejects. */
  follow(): Promise<void> {
    if (!this.options.backend.listAssignments) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.run()
      .catch((error: unknown) => {
        if (!this.options.signal.aborted) this.options.log('warn', 'copying the assignment log failed', { message: String(error) })
      })
      .finally(() => {
        this.running = null
      })
    return this.running
  }

  /** Resolves once no pull is under way (the sync's stop waits for it before closing the writer). */
  async settled(): Promise<void> {
    while (this.running) await this.running
  }

  private async run(): Promise<void> {
    const spacing = this.options.spacingMs ?? LOG_PULL_SPACING_MS
    do {
      this.again = false
      const wait = this.lastPull + spacing - performance.now()
      if (wait > 0) await sleep(wait, this.options.signal)
      if (this.options.signal.aborted) return
      this.lastPull = performance.now()
      await this.pull()
    } while (this.again && !this.options.signal.aborted)
  }

  private async pull(): Promise<void> {
    const { db, signal } = this.options
    const spacing = this.options.spacingMs ?? LOG_PULL_SPACING_MS
    let forward = true
    for (;;) {
      const newerWaiting: boolean = forward && (await this.forwardPage())
      if (signal.aborted) return
      const older = readLogOlder(db)
      if (!newerWaiting && older === null) return
      if (!newerWaiting && older !== null) await this.olderPage(older)
      if (signal.aborted) return
      await sleep(this.options.catchUpRestMs ?? LOG_CATCH_UP_REST_MS, signal)
      if (signal.aborted) return
      // While older pages are read, new hand-offs are read first when the live changes told of some, no oftener than live.
      const told = this.again && performance.now() - this.lastPull >= spacing
      if (told) {
        this.again = false
        this.lastPull = performance.now()
      }
      forward = newerWaiting || told
    }
  }

  /** One page after the highest id copied, or the newest page when more than one is waiting; whether more are. */
  private async forwardPage(): Promise<boolean> {
    const { db, backend, writer, retrying, windowStart, changed, signal } = this.options
    const after = readLogAfter(db)
    const canJump = readLogOlder(db) === null
    // A first copy need not read the oldest page to learn the log is long.
    if (after === 0 && canJump && (await this.newestPage())) return false
    if (signal.aborted) return false
    const page = await retrying(() => backend.listAssignments!({ after, limit: LOG_PAGE }))
    if (signal.aborted) return false
    if (page.hasMore && canJump && after > 0 && (await this.newestPage())) return false
    if (signal.aborted) return false
    const added = await writer.run({ kind: 'assignment-log', records: page.records, after: page.after, since: windowStart() })
    if (added > 0) changed()
    return page.hasMore && page.after > after
  }

  /** Copies the newest page, leaving what lies below it for older pages; false when the backend cannot read newest first. */
  private async newestPage(): Promise<boolean> {
    const { backend, writer, retrying, windowStart, changed, signal, log } = this.options
    if (!this.newestFirst || !backend.listAssignmentsNewestFirst) return false
    const page = await retrying(() => backend.listAssignmentsNewestFirst!({ before: null, limit: LOG_PAGE }))
    if (signal.aborted) return true
    if (page === null) {
      this.newestFirst = false
      log('info', 'the server reads its assignment log oldest first only; copying it that way')
      return false
    }
    const added = await writer.run({ kind: 'assignment-log-newest', page, since: windowStart() })
    // Told too when nothing was new but older pages now wait: the page's end says they are on their way.
    if (added > 0 || readLogOlder(this.options.db) !== null) changed()
    return true
  }

  /** One page below those copied newest first. */
  private async olderPage(older: LogOlder): Promise<void> {
    const { db, backend, writer, retrying, windowStart, changed, signal } = this.options
    const page = this.newestFirst && backend.listAssignmentsNewestFirst ? await retrying(() => backend.listAssignmentsNewestFirst!({ before: older.before, limit: LOG_PAGE })) : null
    if (signal.aborted) return
    if (page === null) {
      // The backend no longer reads newest first (another version): what is missing is read forward again from below it.
      this.newestFirst = false
      await writer.run({ kind: 'assignment-log-oldest-first' })
      changed()
      return
    }
    const added = await writer.run({ kind: 'assignment-log-older', page, since: windowStart() })
    if (added > 0 || readLogOlder(db) === null) changed()
  }
}
