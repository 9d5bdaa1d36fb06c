import type { Migration } from './types'

/**
 * Whether a row's awaiting_since (0190) is known or only stands in for it. The API sends only a
 * conversation's last message: a row first seen in a bootstrap, fetched again alone after a
 * malformed record, or cached before 0190 counts from its last message, which can be days after
 * the customer's first unanswered one. 0 such an estimate, to be read from the thread; 1 known
 * (or nothing waits: the next customer message will be seen); 2 an estimate the thread's newest
 * pages did not settle (no answer in them), not read again. Every open row waiting on an answer
 * is an estimate after the upgrade (rows counted from the feed since 0190 cannot be told apart),
 * unless its last message is its first (as old as the conversation): nothing came before it.
 * The partial index holds only the rows to look up, a few per thousand, so the bootstrap's
 * inserts barely touch it.
 */
export const migration0260: Migration = {
  version: 260,
  name: 'awaiting-known',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN awaiting_known INTEGER NOT NULL DEFAULT 1;
      UPDATE conversations SET awaiting_known = 0
      WHERE status IN ('in_queue', 'handled') AND last_message_direction = 'in' AND last_message_at > created_at;
      CREATE INDEX conversations_awaiting_estimated ON conversations (status, last_message_at)
        WHERE awaiting_known = 0 AND last_message_direction = 'in' AND status <> 'resolved';`)
  },
}
