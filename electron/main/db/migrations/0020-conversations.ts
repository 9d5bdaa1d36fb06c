import type { Migration } from './types'

/**
 * Conversations and what hangs off them. Sort keys are plain NOT NULL columns so every tab order
 * is one index range scan: `wait_since` is queuedAt (createdAt when it never queued), because NULLs
 * would break the keyset comparison.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'conversations',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        handle TEXT NOT NULL
      ) STRICT;

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        ticket_no INTEGER NOT NULL,
        customer_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        channel TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        agent_id INTEGER,
        last_agent_id INTEGER,
        created_at INTEGER NOT NULL,
        queued_at INTEGER,
        wait_since INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        resolved_at INTEGER,
        last_message_text TEXT,
        last_message_at INTEGER,
        last_message_direction TEXT,
        unread INTEGER NOT NULL,
        version INTEGER NOT NULL,
        -- Set once the whole thread was fetched; survives upserts from the feed.
        messages_loaded_at INTEGER
      ) STRICT;

      CREATE INDEX conversations_all ON conversations (updated_at, id);
      CREATE INDEX conversations_status_updated ON conversations (status, updated_at, id);
      CREATE INDEX conversations_status_waiting ON conversations (status, wait_since, id);
      CREATE INDEX conversations_customer ON conversations (customer_id);

      CREATE TABLE conversation_labels (
        label_id INTEGER NOT NULL,
        conversation_id INTEGER NOT NULL,
        PRIMARY KEY (label_id, conversation_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX conversation_labels_conversation ON conversation_labels (conversation_id);
    `)
  },
}
