import { Worker } from 'node:worker_threads'
import type { Log } from '../../log'
import { workerEntry } from '../../worker-entry'
import type { PackedConversationPage } from '../backend'
import { BackendError } from '../errors'
import { errorFromWire, type PageReply, type PageRequest, type PageThreadData } from './page-protocol'

/** A thread with no request for this long ends; the next request starts another. */
const IDLE_MS = 10_000

interface Waiting {
  resolve: (page: PackedConversationPage) => void
  reject: (error: Error) => void
}

/**
 * The main thread's side of the page thread (page-worker.ts): started on the first request,
 * ended when idle or closed. A failure of the thread fails the requests in flight as network
 * errors, which the sync retries (on a new thread).
 */
export class PageThread {
  private worker: Worker | null = null
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 1
  private idle: NodeJS.Timeout | null = null
  private closed = false
  /** Set when a thread died before it ever answered: it cannot run here, so none is started again. */
  private broken = false

  constructor(
    private readonly data: PageThreadData,
    private readonly log: Log,
  ) {}

  /** One page, packed; null when no thread can run here, so the caller fetches it itself. */
  fetch(path: string, params: Record<string, unknown>, token: string): Promise<PackedConversationPage> | null {
    const worker = this.running()
    if (!worker) return null
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
    const request: PageRequest = { id: this.nextId++, path, params, token }
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject })
      // A request in flight keeps the process alive; an idle thread does not.
      worker.ref()
      worker.postMessage(request)
    })
  }

  close(): void {
    this.closed = true
    this.end(new BackendError('network', 'the backend was closed'))
  }

  private running(): Worker | null {
    if (this.worker || this.closed || this.broken) return this.worker
    // The build emits the thread as its own entry (electron.vite.config.ts).
    const entry = workerEntry(import.meta.url, './page-worker.ts', 'reference-pages.js')
    if (!entry) return null
    let worker: Worker
    try {
      worker = new Worker(entry.url, { execArgv: entry.execArgv, workerData: this.data })
    } catch (error) {
      this.log('warn', 'the page thread did not start: pages are fetched on the main thread', { message: String(error) })
      return null
    }
    let answered = false
    worker.on('message', (reply: PageReply) => {
      answered = true
      this.settle(reply)
    })
    const lost = (why: string): void => {
      if (this.worker !== worker) return
      this.broken ||= !answered
      this.end(new BackendError('network', why))
    }
    worker.on('error', (error) => {
      this.log('warn', 'the page thread failed', { message: error.message })
      lost(`the page thread failed: ${error.message}`)
    })
    worker.on('exit', () => lost('the page thread exited'))
    this.worker = worker
    return worker
  }

  private settle(reply: PageReply): void {
    if ('log' in reply) return this.log(reply.log.level, reply.log.message, reply.log.data)
    const waiting = this.waiting.get(reply.id)
    if (!waiting) return
    this.waiting.delete(reply.id)
    if (reply.ok) waiting.resolve(reply.page)
    else waiting.reject(errorFromWire(reply.error))
    if (this.waiting.size > 0) return
    this.worker?.unref()
    this.idle = setTimeout(() => this.end(null), IDLE_MS)
    this.idle.unref()
  }

  /** Ends the thread; requests in flight fail with `error`. */
  private end(error: BackendError | null): void {
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
    const worker = this.worker
    this.worker = null
    for (const waiting of this.waiting.values()) waiting.reject(error ?? new BackendError('network', 'the page thread ended'))
    this.waiting.clear()
    void worker?.terminate()
  }
}
