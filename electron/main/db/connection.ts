import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { MIGRATIONS, type Migration } from './migrations'
import { SEARCH_BODY, SEARCH_WORDS } from './queries/search-index'
import { searchBody } from '../../../shared/domain'

export type { Database } from 'better-sqlite3'

/** The file was written by a newer Observe; opening it with this schema could corrupt it. */
export class DbVersionFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`cache schema version ${found} is newer than this app knows (${known})`)
    this.name = 'DbVersionFromFutureError'
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Brings the schema up to the newest migration, each step in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`migration ${migrations[i]!.name} does not increase the version`)
    }
  }
  const known = migrations.at(-1)?.version ?? 0
  const current = schemaVersion(db)
  if (current > known) throw new DbVersionFromFutureError(current, known)
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(db)) continue
    db.transaction(() => {
      // Re-checked under the write lock: another process may have migrated the same file meanwhile.
      if (schemaVersion(db) >= migration.version) return
      migration.up(db)
      // PRAGMA takes no bound parameters; the version is an integer from our own code.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`)
    }).immediate()
  }
}

/**
 * A cache holds customers' names, phone numbers and threads: folders made for it and the file are
 * the signed-in user's alone (0700, 0600), the file also when an older version left it readable to
 * all; SQLite gives the -wal and -shm files the database file's own permissions. A folder that was
 * there already is left as it is: it may be anyone's. (Windows ignores these modes.)
 */
export function keepToOwner(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  closeSync(openSync(file, 'a', 0o600))
  chmodSync(file, 0o600)
  // Left by an older version that did not close them (a crash), they would stay as they were.
  for (const part of [`${file}-wal`, `${file}-shm`]) if (existsSync(part)) chmodSync(part, 0o600)
}

/** Opens (creating if needed) the cache file, tuned for one writer and many small reads. */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Database {
  if (file !== ':memory:') keepToOwner(file)
  const db = new BetterSqlite3(file)
  try {
    db.pragma('journal_mode = WAL')
    // NORMAL is durable across app crashes under WAL; only a power cut can lose the last commits.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('temp_store = MEMORY')
    // 64 MB of page cache: a million conversations' tab indexes stay hot; the default 2 MB thrashes.
    db.pragma('cache_size = -65536')
    // Before the migrations: those that rebuild the search index write folded documents with it.
    db.function(SEARCH_BODY, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchBody(text) : text))
    migrate(db, migrations)
    // The search index's words, for spelling a long word out (search-index.ts). A temp table:
    // it is nothing to store, and this connection may be the one that migrates the index away.
    db.exec(`CREATE VIRTUAL TABLE ${SEARCH_WORDS} USING fts5vocab(main, conversation_search, row)`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
