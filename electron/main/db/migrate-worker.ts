/**
 * Brings a cache file's schema up to date on a thread of its own (see migrate-off-thread.ts), then
 * closes its connection and ends.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { DbVersionFromFutureError, openDatabase } from './connection'
import type { MigrateData, MigrateReply } from './migrate-off-thread'

const port = parentPort
if (!port) throw new Error('migrate-worker runs as a worker thread')
let reply: MigrateReply
try {
  openDatabase((workerData as MigrateData).file).close()
  reply = { ok: true }
} catch (error) {
  reply =
    error instanceof DbVersionFromFutureError
      ? { ok: false, future: { found: error.found, known: error.known } }
      : { ok: false, message: error instanceof Error ? error.message : String(error) }
}
port.postMessage(reply)
