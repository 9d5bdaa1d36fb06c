import type { Database } from 'better-sqlite3'
import { refreshSearchDoc } from '../queries/search-index'
import { customerSortKey } from '../rows'
import type { Migration } from './types'

/**
 * The customer sort key without invisible format characters (customerSortKey): a name cached with
 * a zero-width space or a direction mark in front sorted after every letter in the A–Z order.
 *
 * Only names holding such a character change, so only those are found and written. Every format
 * character is outside ASCII, and SQLite tells an ASCII name (as many bytes as characters) by
 * itself: only the other names are handed to JavaScript to be looked at. Their conversations are
 * then found in one pass over the table (no index leads with the customer), and their search
 * documents are written again, since each carries the first word of the key (the name lead,
 * search-index.ts) and the name order's search plan relies on the two agreeing.
 *
 * At 300,000 conversations (a shared, busy 2-core machine): 0.05-0.15 s with nothing to fix; 4-6 s
 * with one name in a hundred to fix, most of it writing their 3,000 documents. Like every
 * migration of an existing cache it runs on a thread of its own (migrate-off-thread.ts).
 */
export const migration0210: Migration = {
  version: 210,
  name: 'sort-without-format',
  up(db) {
    resortFormattedNames(db)
  },
}

const FORMAT_CHARACTER = /\p{Cf}/u

function resortFormattedNames(db: Database): void {
  db.function('observe_has_format', { deterministic: true }, (name: unknown) => (typeof name === 'string' && FORMAT_CHARACTER.test(name) ? 1 : 0))
  const customers = db
    .prepare('SELECT id, name FROM customers WHERE length(CAST(name AS BLOB)) <> length(name) AND observe_has_format(name)')
    .all() as { id: number; name: string }[]
  if (customers.length === 0) return
  db.exec('CREATE TEMP TABLE resorted (customer_id INTEGER PRIMARY KEY, key TEXT NOT NULL) STRICT')
  const keep = db.prepare('INSERT INTO temp.resorted (customer_id, key) VALUES (?, ?)')
  for (const { id, name } of customers) keep.run(id, customerSortKey(name))
  const changed = db
    .prepare(
      `UPDATE conversations SET customer_sort = (SELECT key FROM temp.resorted r WHERE r.customer_id = conversations.customer_id)
       WHERE customer_id IN (SELECT customer_id FROM temp.resorted) RETURNING id`,
    )
    .pluck()
    .all() as number[]
  db.exec('DROP TABLE temp.resorted')
  // Every key first, then every document: FTS5 writes out what it holds each time a statement on
  // a table with triggers begins, and interleaved, each document would make a segment of its own.
  for (const conversationId of changed) refreshSearchDoc(db, conversationId)
}
