import type { Migration } from './types'

/**
 * Log History: the server's assignment log, copied like the conversations so the page answers
 * offline. Records arrive in id order and never change; `log_after` is the highest id copied, kept
 * with them in one transaction. Entries older than the retention window leave with the
 * conversations they were about, so `at` is indexed for that prune; the page reads newest first by
 * id, the primary key.
 */
export const migration0140: Migration = {
  version: 140,
  name: 'assignment-log',
  up(db) {
    db.exec(`
      CREATE TABLE assignment_log (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        by_agent_id INTEGER NOT NULL,
        from_agent_id INTEGER,
        to_agent_id INTEGER NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX assignment_log_at ON assignment_log (at);
      ALTER TABLE sync_state ADD COLUMN log_after INTEGER NOT NULL DEFAULT 0;
    `)
  },
}
