import Database from 'better-sqlite3'
import { INDEXES, SCHEMA_VERSION, TABLES } from './schema'

export type Db = Database.Database

export interface OpenedStore {
  db: Db
  /** True when the file had no schema yet, i.e. the caller must seed it. */
  isNew: boolean
}

export function openStore(file: string): OpenedStore {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = OFF')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -65536')
  // The seed writes a WAL of several hundred MB; let checkpoints shrink it back afterwards.
  db.pragma('journal_size_limit = 67108864')
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) {
    db.close()
    throw new Error(`${file} has schema version ${version}; this server knows up to ${SCHEMA_VERSION}`)
  }
  db.exec(TABLES)
  addMessageEvents(db)
  const seeded = db.prepare("SELECT value FROM meta WHERE key = 'datasetId'").get() !== undefined
  return { db, isNew: !seeded }
}

/**
 * A file from before system notes carried their event (version 2) gains the column; its notes
 * already written keep none, and clients show their English text.
 */
function addMessageEvents(db: Db): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('messages')").all() as { name: string }[]
  if (!columns.some((column) => column.name === 'event')) db.exec('ALTER TABLE messages ADD COLUMN event TEXT')
}

/** Runs after the seed; idempotent on reopen. */
export function finishSchema(db: Db): void {
  db.exec(INDEXES)
  db.pragma(`user_version = ${SCHEMA_VERSION}`)
}

/** A bulk load can skip fsyncs: if it crashes midway the file has no datasetId and is reseeded. */
export function withBulkPragmas<T>(db: Db, work: () => T): T {
  db.pragma('synchronous = OFF')
  try {
    return work()
  } finally {
    db.pragma('synchronous = NORMAL')
  }
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return row?.value
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
}
