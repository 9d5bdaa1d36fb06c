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
import { withLaterColumns } from '../support/later-columns'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const latest = MIGRATIONS.at(-1)!.version

/** A cache file from before 0120, its search index emptied so that migration's rebuild shows. */
function behindFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'observe-migrate-'))
  dirs.push(dir)
  const file = join(dir, 'cache.sqlite')
  const db = openDatabase(file, MIGRATIONS.filter((m) => m.version < 120))
  withLaterColumns(db, () => fillCache(db, { count: 3000, now: 1_750_000_000_000 }))
  db.exec("INSERT INTO conversation_search (conversation_search) VALUES ('delete-all')")
  db.close()
  return file
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
