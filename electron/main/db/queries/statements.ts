import type { Database, Statement } from 'better-sqlite3'

const cache = new WeakMap<Database, Map<string, Statement>>()

/** Prepares each SQL text once per connection: the sync runs the same few statements millions of times. */
export function stmt(db: Database, sql: string): Statement {
  let byText = cache.get(db)
  if (!byText) cache.set(db, (byText = new Map()))
  let statement = byText.get(sql)
  if (!statement) byText.set(sql, (statement = db.prepare(sql)))
  return statement
}

/** A piece of SQL and its parameters, composed without ever splicing a value into the text. */
export interface SqlFragment {
  sql: string
  params: unknown[]
}

export const frag = (sql: string, ...params: unknown[]): SqlFragment => ({ sql, params })

export function joinFragments(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) }
}

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

/** `column IN (?, …)` over the values (an empty list matches nothing). */
export const inList = (column: string, values: readonly unknown[]): SqlFragment => frag(`${column} IN (${placeholders(values.length)})`, ...values)
