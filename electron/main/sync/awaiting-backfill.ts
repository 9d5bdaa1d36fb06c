import type { Database } from 'better-sqlite3'
import type { Message } from '../../../shared/domain'
import type { Backend } from '../backend/backend'
import { isConnectivityError } from '../backend/errors'
import { estimatedWaits, unansweredFrom, type AwaitingFound, type EstimatedWait } from '../db/queries/awaiting'
import type { Log } from '../log'
import { backoffDelay, sleep, type BackoffOptions } from './backoff'
import type { SyncWriter } from './sync-writer'

/**
 * Least time between the starts of two lookups: five a second at most, each one small request.
 * A bootstrap of 100,000 seeded conversations leaves 1,505 waits to look up (1,205 of them on
 * Handled, done first), one request each, about five minutes; a server that many desktops
 * bootstrap from at once sees a trickle from each.
 */
export const AWAITING_SPACING_MS = 200
/** Lookups under way at once: a slow server costs the backfill time, not the sync requests. */
export const AWAITING_CONCURRENCY = 2
/**
 * What the lookups found is written and announced together at most this often: each write is a
 * writer job and a change event, whose 16 ms window a live change arriving just after would wait
 * out, and whose flush makes the page and the queue watcher read again.
 */
export const AWAITING_WRITE_EVERY_MS = 1_000
/**
 * A conversation whose lookup failed on its own (gone, malformed, changed meanwhile) is tried
 * again after this backoff, growing with each failure; a failed connection pauses them all.
 */
export const AWAITING_RETRY: BackoffOptions = { baseMs: 5_000, maxMs: 1_800_000 }
export const AWAITING_PAUSE: BackoffOptions = { baseMs: 2_000, maxMs: 300_000 }
/** Messages asked for per request: most threads end on their answer within them. */
const PAGE_MESSAGES = 50
/** Pages read back for one conversation before its customer counts as waiting at least since the oldest read. */
const MAX_PAGES = 4

export interface AwaitingBackfillOptions {
  db: Database
  backend: Backend
  writer: SyncWriter
  log: Log
  /**
   * Whether the sync follows the live stream. Lookups wait for it, so a bootstrap or a catch-up
   * has the network and the writer to itself, and an offline app sends nothing.
   */
  live: () => boolean
  /** Told of each row whose wait it wrote. */
  changed: (ids: number[]) => void
  /** Ends the backfill (the sync stops). */
  signal: AbortSignal
  /** The server's clock (ServerClock), by which the messages' times are judged (unclear-message-times.ts). */
  now: () => number
  spacingMs?: number
  concurrency?: number
  writeEveryMs?: number
  /** Backoff of one conversation's lookups after each of its failures. */
  retry?: BackoffOptions
  /** Backoff of every lookup after a failed connection (network, 5xx, sign-in). */
  pause?: BackoffOptions
}

/** How fast the lookups go: the defaults above, shortened by tests. */
export type AwaitingPacing = Pick<AwaitingBackfillOptions, 'spacingMs' | 'concurrency' | 'writeEveryMs' | 'retry' | 'pause'>

/** The thread's records did not all parse: an answer may be among those left out. */
class Untrusted extends Error {}

/**
 * Looks up, in the background, since when customers wait where the cache knows it only from a
 * last message (see migration 0260): a few requests at a time for each conversation's newest
 * messages, most urgent first, each result written only to a row still as it was read. It is upkeep
 * beside the sync, never in its way: it runs only while the sync is live, spaced out, and a
 * failure is retried later, never at once.
 */
export class AwaitingBackfill {
  private running: Promise<void> | null = null
  private again = false
  /** Ends a rest early when there may be new work. */
  private rest: AbortController | null = null
  private readonly inFlight = new Map<number, Promise<void>>()
  /** Found and not written yet, by conversation: the row read, and what its thread said. */
  private readonly found = new Map<number, { version: number; found: AwaitingFound }>()
  private writeTimer: ReturnType<typeof setTimeout> | null = null
  private writing: Promise<void> = Promise.resolve()
  /** Per conversation: failed lookups so far, and when it may be tried again. */
  private readonly retries = new Map<number, { attempts: number; at: number }>()
  /** After a failed connection, nothing is asked before this (performance.now()). */
  private pausedUntil = 0
  private connectionFailures = 0
  private lastStart = Number.NEGATIVE_INFINITY

  constructor(private readonly options: AwaitingBackfillOptions) {}

  /** There may be waits to look up. Never rejects; while a run is under way, it looks again. */
  wake(): void {
    this.again = true
    this.rest?.abort()
    if (this.running || this.options.signal.aborted) return
    this.running = this.run()
      .catch((error: unknown) => {
        if (!this.options.signal.aborted) this.options.log('warn', 'looking up waits failed', { message: String(error) })
      })
      .finally(() => {
        this.running = null
        // Woken as the run ended: the wake would be lost.
        if (this.again && this.options.live() && !this.options.signal.aborted) this.wake()
      })
  }

  /** Resolves once no lookup nor write is under way (the sync's stop waits for it before closing the writer). */
  async settled(): Promise<void> {
    while (this.running) await this.running
    await this.writing
  }

  private async run(): Promise<void> {
    const { signal, live } = this.options
    const concurrency = this.options.concurrency ?? AWAITING_CONCURRENCY
    const spacing = this.options.spacingMs ?? AWAITING_SPACING_MS
    while (!signal.aborted && live()) {
      this.again = false
      if (this.inFlight.size >= concurrency) {
        await Promise.race(this.inFlight.values())
        continue
      }
      const now = performance.now()
      if (now < this.pausedUntil) {
        if (this.inFlight.size > 0) await Promise.race(this.inFlight.values())
        else await this.restFor(this.pausedUntil - now)
        continue
      }
      if (now < this.lastStart + spacing) {
        await sleep(this.lastStart + spacing - now, signal)
        continue
      }
      const next = this.pick(now)
      if (next === null) {
        if (this.inFlight.size > 0) {
          await Promise.race(this.inFlight.values())
          continue
        }
        if (this.again) continue
        // Nothing more to ask now: what was found need not wait for the next write.
        if (this.found.size > 0) {
          await this.write()
          continue
        }
        // Nothing to ask now: rest until a retry falls due, or until woken.
        const due = Math.min(...[...this.retries.values()].map((retry) => retry.at))
        if (!Number.isFinite(due)) return
        await this.restFor(due - now)
        continue
      }
      this.lastStart = now
      this.inFlight.set(
        next.id,
        this.lookUp(next).finally(() => this.inFlight.delete(next.id)),
      )
    }
    await Promise.all(this.inFlight.values())
    await this.write()
  }

  /** The most urgent wait not being looked up nor resting after a failure. */
  private pick(now: number): EstimatedWait | null {
    const skip = this.inFlight.size + this.found.size + this.retries.size
    const rows = estimatedWaits(this.options.db, skip + 1)
    // Read whole, the list says which resting conversations no longer wait (answered, resolved, gone).
    if (rows.length <= skip) {
      const waiting = new Set(rows.map((row) => row.id))
      for (const id of this.retries.keys()) if (!waiting.has(id)) this.retries.delete(id)
    }
    return rows.find((row) => !this.inFlight.has(row.id) && !this.found.has(row.id) && (this.retries.get(row.id)?.at ?? 0) <= now) ?? null
  }

  private async restFor(ms: number): Promise<void> {
    const rest = new AbortController()
    this.rest = rest
    const end = (): void => rest.abort()
    this.options.signal.addEventListener('abort', end)
    try {
      await sleep(Math.max(0, ms), rest.signal)
    } finally {
      this.options.signal.removeEventListener('abort', end)
      if (this.rest === rest) this.rest = null
    }
  }

  private async lookUp(row: EstimatedWait): Promise<void> {
    const { signal, log } = this.options
    try {
      const found = await this.read(row.id)
      if (signal.aborted) return
      this.connectionFailures = 0
      // The server's thread says nobody waits: it is ahead of the row, looked up again once the sync has brought that.
      if (found === null) this.failed(row.id)
      else {
        this.found.set(row.id, { version: row.version, found })
        this.writeTimer ??= setTimeout(() => void this.write(), this.options.writeEveryMs ?? AWAITING_WRITE_EVERY_MS)
      }
    } catch (error) {
      if (signal.aborted) return
      if (isConnectivityError(error)) {
        // Not this conversation's fault: every lookup waits, and the growing pause keeps an
        // unreachable server from being asked again and again.
        this.pausedUntil = performance.now() + backoffDelay(this.connectionFailures++, this.options.pause ?? AWAITING_PAUSE)
        return
      }
      log(error instanceof Untrusted ? 'warn' : 'info', 'a wait could not be looked up: tried again later', { id: row.id, message: String(error) })
      this.failed(row.id)
    }
  }

  /**
   * Writes what was found, each to a row still as it was read, and announces those written in one
   * event. A row that moved on meanwhile is looked up again after its backoff. One write at a time.
   */
  private write(): Promise<void> {
    if (this.writeTimer !== null) clearTimeout(this.writeTimer)
    this.writeTimer = null
    this.writing = this.writing.then(async () => {
      if (this.found.size === 0) return
      const found = [...this.found].map(([conversationId, { version, found }]) => ({ conversationId, version, found }))
      let written: number[] = []
      try {
        written = await this.options.writer.run({ kind: 'awaiting-found', found })
      } catch (error) {
        this.options.log('warn', 'waits looked up were not written: looked up again later', { message: String(error) })
      }
      const done = new Set(written)
      for (const { conversationId } of found) {
        this.found.delete(conversationId)
        if (done.has(conversationId)) this.retries.delete(conversationId)
        else this.failed(conversationId)
      }
      if (written.length > 0) this.options.changed(written)
    })
    return this.writing
  }

  private failed(id: number): void {
    const attempts = this.retries.get(id)?.attempts ?? 0
    this.retries.set(id, { attempts: attempts + 1, at: performance.now() + backoffDelay(attempts, this.options.retry ?? AWAITING_RETRY) })
  }

  /** Reads the thread back from its newest message until its last answer, or MAX_PAGES. */
  private async read(conversationId: number): Promise<AwaitingFound | null> {
    const messages: Message[] = []
    let before: number | undefined
    for (let page = 1; ; page++) {
      const slice = await this.options.backend.getMessagePage(conversationId, { limit: PAGE_MESSAGES, ...(before === undefined ? {} : { before }) })
      if ((slice.dropped ?? 0) > 0) throw new Untrusted(`${slice.dropped} malformed messages in conversation ${conversationId}'s thread`)
      messages.unshift(...slice.messages)
      const found = unansweredFrom(messages, !slice.earlier, this.options.now())
      if (found === null || found.settled || page >= MAX_PAGES || slice.messages.length === 0) return found
      before = slice.messages[0]!.id
    }
  }
}
