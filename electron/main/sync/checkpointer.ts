import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Database } from 'better-sqlite3'
import type { Log } from '../log'

/** How often the worker copies the WAL back into the database file. */
const CHECKPOINT_EVERY_MS = 200
/** SQLite's own default, restored when the worker cannot run. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000

/*
 * Plain CommonJS for an eval'd worker: no bundler or loader has to know about a second entry file.
 * A PASSIVE checkpoint never waits for the writer nor for readers, so the main thread's commits
 * go on while this copies pages and syncs the file.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require(workerData.library)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 0')
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Busy or locked: the next round tries again.
  }
}, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/**
 * Moves WAL checkpoints off the event loop. With SQLite's automatic checkpoint, the commit that
 * crosses 1000 WAL pages copies them all into the database file and syncs it before returning:
 * 20 to 60 ms on the thread that also serves IPC, which a bootstrap of 100k rows hits dozens of
 * times. Here the writer's connection stops checkpointing and a worker thread with its own
 * connection does it every 200 ms. Where the worker cannot start (no file, the library cannot be
 * loaded there), the connection keeps checkpointing itself as before.
 */
export class Checkpointer {
  private worker: Worker | null = null

  constructor(
    private readonly db: Database,
    private readonly log: Log,
  ) {}

  start(): void {
    if (this.worker || this.db.memory) return
    let worker: Worker
    try {
      const library = createRequire(import.meta.url).resolve('better-sqlite3')
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { library, file: this.db.name, everyMs: CHECKPOINT_EVERY_MS } })
    } catch (error) {
      this.log('warn', 'checkpoints stay on the main thread', { message: String(error) })
      return
    }
    worker.unref()
    this.db.pragma('wal_autocheckpoint = 0')
    worker.on('error', (error) => {
      this.log('warn', 'the checkpoint worker failed: checkpoints go back to the main thread', { message: error.message })
      this.fallBack(worker)
    })
    worker.on('exit', () => this.fallBack(worker))
    this.worker = worker
  }

  /** Ends the worker; the connection checkpoints itself again (and SQLite does a last one on close). */
  async stop(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    const exited = new Promise<void>((done) => worker.once('exit', () => done()))
    // An idle checkpointer does not keep the process alive; while it is being stopped it must, or
    // a process with nothing else to do would end before stop() settles.
    worker.ref()
    worker.postMessage('stop')
    await exited
  }

  private fallBack(worker: Worker): void {
    if (this.worker !== worker) return
    this.worker = null
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`)
  }
}
