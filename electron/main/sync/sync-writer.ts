import { Worker } from 'node:worker_threads'
import type { Database } from 'better-sqlite3'
import type { Log } from '../log'
import { ChainedJobs, type WriteJob, type WriteKind, type WriteResult } from './write-jobs'
import { workerEntry } from '../worker-entry'
import { unpackJob, type PackedSlice, type WriterData, type WriterReply, type WriterRequest } from './writer-protocol'

/** A write job that failed in the writer thread, with SQLite's error code when there was one. */
export class WriteJobError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message)
    this.name = 'WriteJobError'
  }
}

/** Packed records change hands instead of being copied, when they own their whole buffer. */
function transferable(request: WriterRequest): ArrayBuffer[] {
  if (!('job' in request) || !('packed' in request.job)) return []
  const { packed } = request.job
  return packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength ? [packed.buffer as ArrayBuffer] : []
}

interface Waiting {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

/**
 * Runs the sync's write transactions on a worker thread with its own connection, so index
 * upkeep, search documents, commits and SQLite's I/O never hold the main thread (which serves
 * IPC). Jobs run one at a time in the order given; each promise settles after its commit, so
 * whoever announces a change does it after the data is there. Without a file (an in-memory
 * cache) or when the thread cannot start or dies, jobs run on the main connection instead.
 */
export class SyncWriter {
  private worker: Worker | null = null
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 1
  private nextChain = 1
  private readonly inline: ChainedJobs

  constructor(
    private readonly db: Database,
    private readonly log: Log,
  ) {
    this.inline = new ChainedJobs(db, log)
  }

  /** True while jobs go to the worker thread. */
  get threaded(): boolean {
    return this.worker !== null
  }

  start(): void {
    if (this.worker || this.db.memory) return
    // The build emits the thread as its own entry (electron.vite.config.ts).
    const entry = workerEntry(import.meta.url, './writer-worker.ts', 'sync-writer.js')
    if (!entry) {
      this.log('warn', 'the sync writer thread is not available: writes stay on the main thread')
      return
    }
    let worker: Worker
    try {
      worker = new Worker(entry.url, { execArgv: entry.execArgv, workerData: { file: this.db.name } satisfies WriterData })
    } catch (error) {
      this.log('warn', 'the sync writer thread did not start: writes stay on the main thread', { message: String(error) })
      return
    }
    worker.unref()
    worker.on('message', (reply: WriterReply) => this.settle(reply))
    worker.on('error', (error) => {
      this.log('warn', 'the sync writer thread failed: writes go back to the main thread', { message: error.message })
      this.lose(worker, error)
    })
    worker.on('exit', () => this.lose(worker, new WriteJobError('the sync writer thread exited', null)))
    this.worker = worker
  }

  /**
   * Runs one job (one transaction); resolves with its result once committed. Jobs given the same
   * `chain` (see newChain) may be sent without waiting for each other: after one fails, the later
   * ones are refused.
   */
  run<K extends WriteKind>(job: WriteJob<K>, chain?: number | null): Promise<WriteResult<K>>
  /** A slice with packed records: they are moved to the thread undecoded (decoded here without one). */
  run(job: PackedSlice, chain?: number | null): Promise<number[]>
  run(job: WriteJob | PackedSlice, chain: number | null = null): Promise<unknown> {
    const worker = this.worker
    if (!worker) return new Promise((resolve) => resolve(this.inline.run(unpackJob(job), chain)))
    return this.send(worker, { id: this.nextId++, job, chain })
  }

  newChain(): number {
    return this.nextChain++
  }

  /** Lets queued jobs finish, then closes the thread's connection and ends it. */
  async stop(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    const exited = new Promise<void>((done) => worker.once('exit', () => done()))
    await this.send(worker, { id: this.nextId++, close: true }).catch(() => {})
    // Its reply unref'd the thread; until it has ended, it must keep a process that has nothing
    // else to do alive, or stop() would never settle (seen as an unsettled top-level await).
    worker.ref()
    await exited
  }

  private send(worker: Worker, request: WriterRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject })
      // A job in flight keeps the process alive; an idle writer does not.
      worker.ref()
      worker.postMessage(request, transferable(request))
    })
  }

  private settle(reply: WriterReply): void {
    if ('log' in reply) {
      this.log(reply.log.level, reply.log.message, reply.log.data)
      return
    }
    const waiting = this.waiting.get(reply.id)
    if (!waiting) return
    this.waiting.delete(reply.id)
    if (this.waiting.size === 0) this.worker?.unref()
    if (reply.ok) waiting.resolve(reply.result)
    else waiting.reject(new WriteJobError(reply.message, reply.code))
  }

  private lose(worker: Worker, error: Error): void {
    if (this.worker !== worker) return
    this.worker = null
    for (const waiting of this.waiting.values()) waiting.reject(error)
    this.waiting.clear()
  }
}
