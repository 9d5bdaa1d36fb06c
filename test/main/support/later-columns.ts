import type BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../../../electron/main/db/connection'

/** The tables today's upserts write that later migrations add columns to. */
const TABLES = ['conversations', 'messages'] as const

/**
 * Runs today's upserts against a cache of an older schema: the columns that later migrations add
 * are there while they write, and gone again after, for those migrations to add.
 */
export function withLaterColumns<T>(db: BetterSqlite3.Database, write: () => T): T {
  const later = TABLES.flatMap((table) => laterColumns(db, table).map((column) => ({ table, ...column })))
  for (const { table, name, type } of later) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`)
  try {
    return write()
  } finally {
    for (const { table, name } of later) db.exec(`ALTER TABLE ${table} DROP COLUMN ${name}`)
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
