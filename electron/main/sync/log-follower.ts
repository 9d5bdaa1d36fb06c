import type { Database } from 'better-sqlite3'
import type { Backend } from '../backend/backend'
import { readLogAfter } from '../db/queries/assignment-log'
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
 * Copies the backend's assignment log into the cache, page by page from the highest id copied,
 * each page and the cursor past it in one transaction. The log is a side of the sync, not its
 * core: a failed pull is logged and the next call starts again from the stored cursor.
 */
export class LogFollower {
  private running: Promise<void> | null = null
  private again = false
  private lastPull = Number.NEGATIVE_INFINITY

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
    const { db, backend, writer, retrying, windowStart, changed, signal } = this.options
    for (;;) {
      const after = readLogAfter(db)
      const page = await retrying(() => backend.listAssignments!({ after, limit: LOG_PAGE }))
      if (signal.aborted) return
      const added = await writer.run({ kind: 'assignment-log', records: page.records, after: page.after, since: windowStart() })
      if (added > 0) changed()
      if (!page.hasMore || page.after <= after) return
      await sleep(this.options.catchUpRestMs ?? LOG_CATCH_UP_REST_MS, signal)
      if (signal.aborted) return
    }
  }
}
