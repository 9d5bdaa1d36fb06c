import type { SyncWriter } from './sync-writer'

const DAY_MS = 86_400_000
/** A connection can stay live for days; aged-out resolved conversations still have to leave. */
const PRUNE_EVERY_MS = 3_600_000
/**
 * How much earlier than the cached window's start the configured window may begin before the
 * cache counts as missing part of it (a longer retention setting). A clock set back a little
 * must not cost a whole bootstrap.
 */
const WINDOW_GROWTH_SLACK_MS = 3_600_000

export interface RetentionOptions {
  writer: SyncWriter
  retentionDays: number
  now: () => number
  /** Told of the conversations a prune took out of the cache. */
  removed: (conversationIds: number[]) => void
}

/** The cache's window of resolved conversations: where it starts now, whether it grew, and what aged out of it. */
export class Retention {
  private lastPrune = 0
  /** The prune under way, if any: the sync's stop waits for it before the writer goes. */
  private pruning: Promise<void> | null = null

  constructor(private readonly options: RetentionOptions) {}

  windowStart(): number {
    return Math.max(0, this.options.now() - this.options.retentionDays * DAY_MS)
  }

  /** Whether a window starting at `since` begins earlier than the one the cache was bootstrapped with (`cachedSince`). */
  grew(cachedSince: number | null, since: number): boolean {
    return cachedSince !== null && since < cachedSince - WINDOW_GROWTH_SLACK_MS
  }

  /** Resolved conversations that aged out of the window leave the cache, and the window moves on. */
  prune(): Promise<void> {
    this.lastPrune = this.options.now()
    const run = (async () => {
      const removed = await this.options.writer.run({ kind: 'prune', since: this.windowStart() })
      if (removed.length > 0) this.options.removed(removed)
    })()
    this.pruning = run
    const done = (): void => {
      if (this.pruning === run) this.pruning = null
    }
    run.then(done, done)
    return run
  }

  /** Resolves once no prune is under way, however it ended. */
  settled(): Promise<void> {
    const ended = (): void => {}
    return (this.pruning ?? Promise.resolve()).then(ended, ended)
  }

  /** Whether a connection live since the last prune should prune again at `at`. */
  pruneDue(at: number): boolean {
    return at - this.lastPrune >= PRUNE_EVERY_MS
  }
}
