/**
 * The sync's writer thread: its own connection to the cache file, running write jobs in the
 * order they arrive. WAL keeps the main thread's reads going while a job commits.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/connection'
import type { Log } from '../log'
import { ChainedJobs, type WriteJob } from './write-jobs'
import { unpackJob, type WriterData, type WriterReply, type WriterRequest } from './writer-protocol'

/**
 * Bootstrap slices already waiting behind the one at hand are committed with it, up to this many
 * rows: each commit writes out every index page its rows touched, so per 1,000 rows a row cost
 * about 105 µs and per 2,000 about 85 (one transaction for all: 63). Bounded, because a main-thread
 * write (an action the supervisor takes) waits for the transaction in progress: the longest one of
 * a 100k bootstrap took 174 ms, no longer than 1,000 rows did before search documents were
 * written last (see upsertConversations).
 */
const GROUP_MAX_ROWS = 2000

/** A request as the thread works with it: packed records decoded. */
type Request = { id: number; job: WriteJob; chain: number | null } | { id: number; close: true }
type JobRequest = Extract<Request, { job: unknown }>
type SliceRequest = JobRequest & { job: WriteJob<'bootstrap-slice'> }

const port = parentPort
if (!port) throw new Error('writer-worker runs as a worker thread')
const db = openDatabase((workerData as WriterData).file)
/** A job's lines go to the main thread's log (see WriterReply). */
const log: Log = (level, message, data) => port.postMessage({ log: { level, message, data } } satisfies WriterReply)
const jobs = new ChainedJobs(db, log)
/** The request taken off the port while gathering a group that did not belong to it. */
let held: Request | null = null

const unpacked = (request: WriterRequest): Request => ('job' in request ? { ...request, job: unpackJob(request.job) } : request)

const isSlice = (request: Request): request is SliceRequest => 'job' in request && request.job.kind === 'bootstrap-slice'

/** The slice and those of its chain queued right behind it, up to GROUP_MAX_ROWS and the slice that ends the bootstrap. */
function group(first: SliceRequest): SliceRequest[] {
  const out = [first]
  let rows = first.job.items.length
  while (out.at(-1)!.job.end === null && rows < GROUP_MAX_ROWS) {
    const message = receiveMessageOnPort(port!)?.message as WriterRequest | undefined
    if (!message) break
    const next = unpacked(message)
    if (!isSlice(next) || next.chain !== first.chain || rows + next.job.items.length > GROUP_MAX_ROWS) {
      held = next
      break
    }
    out.push(next)
    rows += next.job.items.length
  }
  return out
}

/** Runs a request (with the slices grouped behind it); the replies, one per request. */
function run(request: JobRequest): WriterReply[] {
  const requests = isSlice(request) ? group(request) : [request]
  try {
    const results = isSlice(request)
      ? jobs.runSlices(
          (requests as SliceRequest[]).map((r) => r.job),
          request.chain,
        )
      : [jobs.run(request.job, request.chain)]
    return requests.map((r, i) => ({ id: r.id, ok: true, result: results[i] }))
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : null
    const message = error instanceof Error ? error.message : String(error)
    return requests.map((r) => ({ id: r.id, ok: false, message, code }))
  }
}

function handle(request: Request): void {
  if ('close' in request) {
    db.close()
    port!.postMessage({ id: request.id, ok: true, result: null } satisfies WriterReply)
    port!.close()
    return
  }
  for (const reply of run(request)) port!.postMessage(reply)
}

port.on('message', (request: WriterRequest) => {
  handle(unpacked(request))
  // A held request may itself start a group that holds the next one.
  while (held) {
    const next: Request = held
    held = null
    handle(next)
  }
})
