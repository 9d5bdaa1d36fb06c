import { BackendError } from '../backend/errors'
import type { Log } from '../log'
import { backoffDelay, sleep, type BackoffOptions } from './backoff'

/** Tries per request before a transient failure (network, timeout, 5xx) ends the attempt. */
const REQUEST_ATTEMPTS = 6

/** Transient: worth the same request again after a pause. */
export const isTransient = (e: unknown): boolean => e instanceof BackendError && (e.kind === 'network' || e.kind === 'server')

/** Runs a request with the sync's retries for transient failures. */
export type Retrying = <T>(request: () => Promise<T>) => Promise<T>

export interface RetryOptions {
  log: Log
  backoff: BackoffOptions
  /** A stopped sync tries nothing again: the failure goes to the caller at once. */
  stopped: () => boolean
  /** What cuts a pause short, read as each pause begins: the sync replaces one of them after a sleep of the computer. */
  pauseSignals: () => AbortSignal[]
  /** Called after each pause; throws once the sync stopped. */
  checkpoint: () => void
}

/**
 * Runs one request, repeating it after a backoff pause (with jitter) while it fails with a
 * network error, a timeout or a 5xx; other failures, and the last transient one, go to the caller.
 */
export function retryingTransient(options: RetryOptions): Retrying {
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request()
      } catch (error) {
        if (!isTransient(error) || attempt + 1 >= REQUEST_ATTEMPTS || options.stopped()) throw error
        options.log('debug', 'request failed, retrying', { message: (error as Error).message, attempt })
        await sleep(backoffDelay(attempt, options.backoff), ...options.pauseSignals())
        options.checkpoint()
      }
    }
  }
}
