import type { Database } from 'better-sqlite3'
import { stmt } from './statements'

/**
 * Conversations whose record arrived malformed. The id is written in the same transaction as the
 * batch that skipped the record (and moved the cursor past it), so a crash cannot lose it.
 */
export function addRefetch(db: Database, ids: readonly number[]): void {
  const insert = stmt(db, 'INSERT OR IGNORE INTO sync_refetch (id) VALUES (?)')
  for (const id of ids) insert.run(id)
}

/** Ids due for another try, oldest first, with how often they were tried. */
export function dueRefetch(db: Database, now: number, limit: number): { id: number; attempts: number }[] {
  return stmt(db, 'SELECT id, attempts FROM sync_refetch WHERE next_at <= ? ORDER BY id LIMIT ?').all(now, limit) as { id: number; attempts: number }[]
}

/** Which of these ids are still to be fetched again. */
export function pendingRefetch(db: Database, ids: readonly number[]): number[] {
  if (ids.length === 0) return []
  return stmt(db, 'SELECT id FROM sync_refetch WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as number[]
}

export function pendingRefetchCount(db: Database): number {
  return stmt(db, 'SELECT count(*) FROM sync_refetch').pluck().get() as number
}

export function doneRefetch(db: Database, id: number): void {
  stmt(db, 'DELETE FROM sync_refetch WHERE id = ?').run(id)
}

export function deferRefetch(db: Database, id: number, nextAt: number): void {
  stmt(db, 'UPDATE sync_refetch SET attempts = attempts + 1, next_at = ? WHERE id = ?').run(nextAt, id)
}

export function setNeedsResync(db: Database, on: boolean): void {
  stmt(db, 'UPDATE sync_state SET needs_resync = ? WHERE id = 1').run(on ? 1 : 0)
}

export function needsResync(db: Database): boolean {
  return (stmt(db, 'SELECT needs_resync FROM sync_state WHERE id = 1').pluck().get() as number) === 1
}
