import type { Database } from 'better-sqlite3'
import { deleteConversations } from './conversations'
import { stmt } from './statements'

/**
 * The ids a re-bootstrap has seen, in a TEMP table: it belongs to this connection and this
 * attempt only. A crash loses it together with the attempt, whose cursor was never written.
 */
export function beginSeen(db: Database): void {
  db.exec('DROP TABLE IF EXISTS temp.bootstrap_seen; CREATE TEMP TABLE bootstrap_seen (id INTEGER PRIMARY KEY)')
}

export function markSeen(db: Database, ids: readonly number[]): void {
  const insert = stmt(db, 'INSERT OR IGNORE INTO temp.bootstrap_seen (id) VALUES (?)')
  for (const id of ids) insert.run(id)
}

export function endSeen(db: Database): void {
  db.exec('DROP TABLE IF EXISTS temp.bootstrap_seen')
}

/** Rows the re-bootstrap did not see again: gone from the server's window while the cursor was too old to say so. */
export function sweepUnseen(db: Database): number[] {
  const ids = db.prepare('SELECT id FROM conversations WHERE id NOT IN (SELECT id FROM temp.bootstrap_seen)').pluck().all() as number[]
  deleteConversations(db, ids)
  return ids
}
