import type BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../../../electron/main/db/connection'

/**
 * Runs today's upsert against a cache of an older schema: the conversations' columns that later
 * migrations add are there while it writes, and gone again after, for those migrations to add.
 */
export function withLaterColumns<T>(db: BetterSqlite3.Database, write: () => T): T {
  const later = laterColumns(db, 'conversations')
  for (const { name, type } of later) db.exec(`ALTER TABLE conversations ADD COLUMN ${name} ${type}`)
  try {
    return write()
  } finally {
    for (const { name } of later) db.exec(`ALTER TABLE conversations DROP COLUMN ${name}`)
  }
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
