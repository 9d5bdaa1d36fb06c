import type { Migration } from './types'

/**
 * Where the sync stands. One row. `cursor` is opaque to everything but the backend; it is only
 * ever written in the same transaction as the data it covers.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        dataset_id TEXT,
        cursor TEXT,
        last_synced_at INTEGER,
        resolved_since INTEGER,
        me_id INTEGER
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);
    `)
  },
}
