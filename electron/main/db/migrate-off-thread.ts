import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'
import { workerEntry } from '../worker-entry'
import { DbVersionFromFutureError, schemaVersion } from './connection'
import { MIGRATIONS } from './migrations'

export interface MigrateData {
  file: string
}

export type MigrateReply = { ok: true } | { ok: false; future: { found: number; known: number } } | { ok: false; message: string }

/**
 * Migrates the cache file on a worker thread, so the main process stays responsive meanwhile: a
 * migration that rewrites the search index takes about 25 s at a million conversations, and the
 * core runs in Electron's main process, where a blocked event loop freezes every window. Nothing
 * to do (a new file, or one already up to date) costs no thread; where no thread can be started,
 * the migration is left to the main thread's openDatabase. Rejects as openDatabase would.
 */
export async function migrateOffThread(file: string): Promise<void> {
  if (!needsMigrating(file)) return
  // The build emits the thread as its own entry (electron.vite.config.ts).
  const entry = workerEntry(import.meta.url, './migrate-worker.ts', 'cache-migrate.js')
  if (!entry) return
  const worker = new Worker(entry.url, { execArgv: entry.execArgv, workerData: { file } satisfies MigrateData })
  const reply = await new Promise<MigrateReply>((done, fail) => {
    worker.once('message', done)
    worker.once('error', fail)
    worker.once('exit', (code) => fail(new Error(`the cache migration thread exited (${code})`)))
  })
  await worker.terminate()
  if (reply.ok) return
  if ('future' in reply) throw new DbVersionFromFutureError(reply.future.found, reply.future.known)
  throw new Error(`the cache could not be migrated: ${reply.message}`)
}

/** Whether an existing file's schema is not the newest (a new file migrates in an instant; a newer one is refused there). */
function needsMigrating(file: string): boolean {
  if (file === ':memory:' || !existsSync(file)) return false
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  try {
    return schemaVersion(db) !== (MIGRATIONS.at(-1)?.version ?? 0)
  } finally {
    db.close()
  }
}
