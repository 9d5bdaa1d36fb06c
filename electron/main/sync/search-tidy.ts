import type { Database } from 'better-sqlite3'
import { searchNeedsMerging } from '../db/queries/search-upkeep'
import type { Log } from '../log'
import { sleep } from './backoff'
import type { SyncWriter } from './sync-writer'

/**
 * Pages one step of merging the search index writes: a few milliseconds, so a live change rarely
 * waits long for one, and on the main connection (no writer thread) within a frame.
 */
const TIDY_STEP_PAGES = 16
/**
 * After each step the merge rests this many times as long as the step took. It is upkeep, and on
 * two cores a merge run flat out (with the checkpoints its writes cause) took the CPU from the main
 * thread for 25-30 ms at a time during live bursts.
 */
const TIDY_REST_RATIO = 3

export interface SearchTidyOptions {
  db: Database
  writer: SyncWriter
  log: Log
  /** Ends the merge and its rests (the sync stops). */
  signal: AbortSignal
}

/**
 * Merges the search index into one segment when it has many (after a bootstrap, above all), a
 * small step per job with a rest after each, so live changes and actions are written between
 * steps and the CPU goes to them first. One run at a time.
 */
export class SearchTidy {
  private tidying: Promise<void> | null = null

  constructor(private readonly options: SearchTidyOptions) {}

  /** Starts a run when the index needs one and none is under way; never rejects (a failure is logged). */
  tidy(): void {
    const { db, writer, log, signal } = this.options
    if (this.tidying || !searchNeedsMerging(db)) return
    this.tidying = (async () => {
      while (!signal.aborted) {
        const started = performance.now()
        if (!(await writer.run({ kind: 'tidy-search', pages: TIDY_STEP_PAGES }))) return
        await sleep(TIDY_REST_RATIO * (performance.now() - started), signal)
      }
    })()
      .catch((error: unknown) => log('warn', 'merging the search index failed', { message: String(error) }))
      .finally(() => {
        this.tidying = null
      })
  }

  /** Settles once the run under way, if any, has ended. */
  async settled(): Promise<void> {
    await this.tidying
  }
}
