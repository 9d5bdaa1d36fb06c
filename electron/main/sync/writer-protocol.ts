import type { WriteJob } from './write-jobs'

/** What the writer thread receives: a job to run in one transaction, or the order to close. */
export type WriterRequest = { id: number; job: WriteJob; chain: number | null } | { id: number; close: true }

/** One answer per request, in the order the requests were sent. */
export type WriterReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string; code: string | null }

/** What the worker needs to open its own connection to the cache. */
export interface WriterData {
  file: string
}
