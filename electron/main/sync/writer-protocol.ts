import { unpackConversations } from '../backend/packed'
import type { LogLevel } from '../log'
import type { WriteJob } from './write-jobs'

/**
 * A bootstrap slice whose records come packed (see backend/packed.ts): they were validated on
 * another thread and are only decoded where they are written.
 */
export type PackedSlice = Omit<WriteJob<'bootstrap-slice'>, 'items'> & { packed: Uint8Array }

/** What the writer thread receives: a job to run in one transaction, or the order to close. */
export type WriterRequest = { id: number; job: WriteJob | PackedSlice; chain: number | null } | { id: number; close: true }

/** The job itself, its records decoded when they came packed. */
export function unpackJob(job: WriteJob | PackedSlice): WriteJob {
  if (!('packed' in job)) return job
  const { packed, ...rest } = job
  return { ...rest, items: unpackConversations(packed) }
}

/**
 * One answer per request, in the order the requests were sent; and, between them, the lines a
 * job logs, for the main thread's log to write like every other.
 */
export type WriterReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string; code: string | null }
  | { log: { level: LogLevel; message: string; data?: unknown } }

/** What the worker needs to open its own connection to the cache. */
export interface WriterData {
  file: string
}
