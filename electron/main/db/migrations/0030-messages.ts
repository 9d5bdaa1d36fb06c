import type { Migration } from './types'

/** Threads, cached on demand when a conversation is opened. */
export const migration0030: Migration = {
  version: 30,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL,
        direction TEXT NOT NULL,
        sender_kind TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        sender_agent_id INTEGER,
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_thread ON messages (conversation_id, created_at, id);

      CREATE TABLE message_attachments (
        message_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        url TEXT NOT NULL,
        PRIMARY KEY (message_id, position)
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
