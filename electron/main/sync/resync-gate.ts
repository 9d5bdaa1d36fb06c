import type { Database } from 'better-sqlite3'
import { needsResync } from '../db/queries/refetch'

/** A record without a usable id costs a whole bootstrap; a server that keeps sending them gets one per this long. */
const RESYNC_MIN_INTERVAL_MS = 600_000

export interface ResyncGateOptions {
  db: Database
  now: () => number
  /** Least time between two bootstraps forced by malformed records without an id. */
  minIntervalMs?: number
}

/** Whether a record without a usable id calls for a bootstrap now, at most one per interval. */
export class ResyncGate {
  private lastResync = Number.NEGATIVE_INFINITY

  constructor(private readonly options: ResyncGateOptions) {}

  /** True when a bootstrap is due, which then counts as begun: the next is due an interval later. */
  claim(): boolean {
    const { db, now, minIntervalMs } = this.options
    if (!(needsResync(db) && now() - this.lastResync >= (minIntervalMs ?? RESYNC_MIN_INTERVAL_MS))) return false
    this.lastResync = now()
    return true
  }
}
