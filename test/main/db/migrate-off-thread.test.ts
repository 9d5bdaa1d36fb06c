import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DbVersionFromFutureError, openDatabase, schemaVersion } from '../../../electron/main/db/connection'
import { migrateOffThread } from '../../../electron/main/db/migrate-off-thread'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { nameLeadQuery } from '../../../electron/main/db/queries/search-index'
import { fillCache } from '../../bench/generate'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const latest = MIGRATIONS.at(-1)!.version

/** A cache file from before 0120, its search index emptied so that migration's rebuild shows. */
function behindFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'observe-migrate-'))
  dirs.push(dir)
  const file = join(dir, 'cache.sqlite')
  const db = openDatabase(file, MIGRATIONS.filter((m) => m.version < 120))
  // Today's upsert writes columns later migrations add: there while it writes, gone again after.
  const later = laterColumns(db, 'conversations')
  for (const { name, type } of later) db.exec(`ALTER TABLE conversations ADD COLUMN ${name} ${type}`)
  fillCache(db, { count: 3000, now: 1_750_000_000_000 })
  for (const { name } of later) db.exec(`ALTER TABLE conversations DROP COLUMN ${name}`)
  db.exec("INSERT INTO conversation_search (conversation_search) VALUES ('delete-all')")
  db.close()
  return file
}

/** The columns of a table that the newest schema has and this file's does not. */
function laterColumns(db: BetterSqlite3.Database, table: string): { name: string; type: string }[] {
  const newest = openDatabase(':memory:')
  const columns = (of: BetterSqlite3.Database) => of.prepare(`SELECT name, type FROM pragma_table_info('${table}')`).all() as { name: string; type: string }[]
  const has = new Set(columns(db).map((column) => column.name))
  const later = columns(newest).filter((column) => !has.has(column.name))
  newest.close()
  return later
}

const readOnly = (file: string): BetterSqlite3.Database => new BetterSqlite3(file, { readonly: true })

describe('migrating the cache off the main thread', () => {
  it('brings the file to the newest version while this thread keeps running', async () => {
    const file = behindFile()
    let turns = 0
    let turning = true
    const turn = (): void => void (turning && (turns++, setImmediate(turn)))
    turn()
    await migrateOffThread(file)
    turning = false
    // Done on this thread, the migration would have held the event loop from start to end.
    expect(turns).toBeGreaterThan(1)
    const db = readOnly(file)
    expect(schemaVersion(db)).toBe(latest)
    const leads = db.prepare('SELECT count(*) FROM conversation_search WHERE conversation_search MATCH ?').pluck().get(nameLeadQuery('m')) as number
    expect(leads).toBeGreaterThan(0)
    db.close()
  })

  it('refuses a file from a newer version as opening it would', async () => {
    const file = behindFile()
    const db = new BetterSqlite3(file)
    db.pragma(`user_version = ${latest + 10}`)
    db.close()
    await expect(migrateOffThread(file)).rejects.toBeInstanceOf(DbVersionFromFutureError)
  })

  it('leaves a new or current file to the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'observe-migrate-'))
    dirs.push(dir)
    const fresh = join(dir, 'new.sqlite')
    await migrateOffThread(fresh)
    // Opened by a thread, the file would exist by now.
    expect(existsSync(fresh)).toBe(false)
    const current = join(dir, 'current.sqlite')
    openDatabase(current).close()
    await migrateOffThread(current)
    const db = readOnly(current)
    expect(schemaVersion(db)).toBe(latest)
    db.close()
  })
})
