import type { Database } from 'better-sqlite3'
import type { Conversation } from '../../../shared/domain'
import { BackendError } from '../backend/errors'
import { deferRefetch, dueRefetch } from '../db/queries/refetch'
import { backoffDelay, type BackoffOptions } from './backoff'
import { isTransient, type Retrying } from './request-retry'
import type { SyncWriter } from './sync-writer'

export interface RefetcherOptions {
  db: Database
  writer: SyncWriter
  /** Asks the backend for one conversation's record. */
  fetch: (id: number) => Promise<Conversation>
  retrying: Retrying
  /** Called after each request; throws once the sync stopped. */
  checkpoint: () => void
  /** Where the cache's window starts now: a conversation resolved before it is not kept. */
  windowStart: () => number
  now: () => number
  /** Spacing of the tries of an id that keeps failing. */
  backoff: BackoffOptions
  /** Told of each conversation written anew (kept or removed). */
  refetched: (id: number) => void
}

/**
 * Fetches again, one by one, the conversations whose record arrived malformed, until each one
 * parses (then upserted, versioned like any change), is gone (removed), or falls outside the
 * window. One run at a time. An id that keeps failing (malformed again, or 5xx and network
 * errors past the request's retries) is tried again later with its own backoff; the run goes on
 * to the next, and the sync to its stream.
 */
export class Refetcher {
  private refetching: Promise<void> | null = null

  constructor(private readonly options: RefetcherOptions) {}

  /** Runs what is due; called while a run is under way, it joins that run. */
  run(): Promise<void> {
    this.refetching ??= this.refetchDue().finally(() => {
      this.refetching = null
    })
    return this.refetching
  }

  /** Resolves once no run is under way, however it ended: the sync's stop waits for it before the writer goes. */
  settled(): Promise<void> {
    const ended = (): void => {}
    return (this.refetching ?? Promise.resolve()).then(ended, ended)
  }

  private async refetchDue(): Promise<void> {
    const { db, writer, fetch, retrying, checkpoint, windowStart, now, backoff, refetched } = this.options
    for (;;) {
      const ids = dueRefetch(db, now(), 50)
      if (ids.length === 0) return
      for (const { id, attempts } of ids) {
        let found: Conversation | null
        try {
          found = await retrying(() => fetch(id))
        } catch (error) {
          checkpoint()
          if (error instanceof BackendError && error.kind === 'not_found') found = null
          else if (error instanceof BackendError && (error.kind === 'protocol' || isTransient(error))) {
            deferRefetch(db, id, now() + backoffDelay(attempts, backoff))
            continue
          } else throw error
        }
        checkpoint()
        const since = windowStart()
        const keep = found !== null && !(found.status === 'resolved' && (found.resolvedAt ?? 0) < since)
        await writer.run({ kind: 'refetched', id, keep: keep ? found : null, now: now() })
        refetched(id)
      }
    }
  }
}
