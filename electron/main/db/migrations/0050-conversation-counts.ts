import type { Migration } from './types'

/**
 * Unfiltered tab counts kept by triggers. Counting a million rows takes a few hundred ms, and the
 * badges are recomputed after every synced batch on the main thread; reading three rows does not block.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'conversation-counts',
  up(db) {
    db.exec(`
      CREATE TABLE conversation_counts (
        status TEXT PRIMARY KEY,
        n INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO conversation_counts (status, n) SELECT status, count(*) FROM conversations GROUP BY status;

      CREATE TRIGGER conversation_counts_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO conversation_counts (status, n) VALUES (NEW.status, 1)
          ON CONFLICT (status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER conversation_counts_delete AFTER DELETE ON conversations BEGIN
        UPDATE conversation_counts SET n = n - 1 WHERE status = OLD.status;
      END;
      CREATE TRIGGER conversation_counts_update AFTER UPDATE OF status ON conversations
        WHEN OLD.status IS NOT NEW.status BEGIN
        UPDATE conversation_counts SET n = n - 1 WHERE status = OLD.status;
        INSERT INTO conversation_counts (status, n) VALUES (NEW.status, 1)
          ON CONFLICT (status) DO UPDATE SET n = n + 1;
      END;
    `)
  },
}
