import type { Migration } from './types'

/**
 * The action outbox, and the optimistic overlay it keeps on cached conversations.
 *
 * An action that is queued or sending is "active". While a conversation has an active action, its
 * row shows the action's outcome (handled by the target agent) and `outbox_base` keeps the server's
 * own values of the columns the overlay replaces. The triggers make every sync write go through
 * that split without the sync knowing about it: a server upsert (any write that sets `version`)
 * lands in the row, its status and agents are copied to `outbox_base`, and the overlay is put back.
 * When the last active action of a conversation settles, the outbox restores the base values.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_actions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('assign', 'transfer')),
        conversation_id INTEGER NOT NULL,
        customer_name TEXT NOT NULL,
        agent_id INTEGER NOT NULL,
        override_quota INTEGER NOT NULL CHECK (override_quota IN (0, 1)),
        -- The server version the supervisor acted on; null while an earlier action on the same
        -- conversation is active (it is filled in when that one settles).
        expected_version INTEGER,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'rejected', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        settled_at INTEGER,
        reason_code TEXT,
        reason_message TEXT,
        reason_handler_id INTEGER,
        reason_handler_name TEXT,
        reason_agent_name TEXT,
        reason_agent_load INTEGER,
        reason_agent_quota INTEGER,
        dismissed_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_actions_active ON outbox_actions (conversation_id, id) WHERE state IN ('queued', 'sending');
      CREATE INDEX outbox_actions_queue ON outbox_actions (state, id);

      CREATE TABLE outbox_base (
        conversation_id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        agent_id INTEGER,
        last_agent_id INTEGER
      ) STRICT;

      -- Within a trigger the outer statement's conflict policy wins (the sync's upsert aborts), so
      -- the base row is replaced by a delete and an insert rather than INSERT OR REPLACE.
      CREATE TRIGGER outbox_overlay_after_update AFTER UPDATE OF version ON conversations
        WHEN EXISTS (SELECT 1 FROM outbox_actions WHERE conversation_id = NEW.id AND state IN ('queued', 'sending'))
      BEGIN
        DELETE FROM outbox_base WHERE conversation_id = NEW.id;
        INSERT INTO outbox_base (conversation_id, status, agent_id, last_agent_id)
          VALUES (NEW.id, NEW.status, NEW.agent_id, NEW.last_agent_id);
        UPDATE conversations SET status = 'handled',
          agent_id = (SELECT agent_id FROM outbox_actions WHERE conversation_id = NEW.id AND state IN ('queued', 'sending') ORDER BY id DESC LIMIT 1),
          last_agent_id = (SELECT agent_id FROM outbox_actions WHERE conversation_id = NEW.id AND state IN ('queued', 'sending') ORDER BY id DESC LIMIT 1)
        WHERE id = NEW.id;
      END;

      CREATE TRIGGER outbox_overlay_after_insert AFTER INSERT ON conversations
        WHEN EXISTS (SELECT 1 FROM outbox_actions WHERE conversation_id = NEW.id AND state IN ('queued', 'sending'))
      BEGIN
        DELETE FROM outbox_base WHERE conversation_id = NEW.id;
        INSERT INTO outbox_base (conversation_id, status, agent_id, last_agent_id)
          VALUES (NEW.id, NEW.status, NEW.agent_id, NEW.last_agent_id);
        UPDATE conversations SET status = 'handled',
          agent_id = (SELECT agent_id FROM outbox_actions WHERE conversation_id = NEW.id AND state IN ('queued', 'sending') ORDER BY id DESC LIMIT 1),
          last_agent_id = (SELECT agent_id FROM outbox_actions WHERE conversation_id = NEW.id AND state IN ('queued', 'sending') ORDER BY id DESC LIMIT 1)
        WHERE id = NEW.id;
      END;
    `)
  },
}
