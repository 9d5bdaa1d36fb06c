import type { Migration } from './types'
import { rebuildSearchDocs } from '../queries/search-index'

/**
 * What a million cached conversations need to answer every filter at once:
 *
 * - `conversation_search`: one FTS5 document per conversation (customer name and handle with phone
 *   variants, ticket number, label tokens, last message and cached thread). Contentless, so the
 *   text is not stored twice; `contentless_delete` lets upserts replace a document by rowid.
 * - `conversation_facets` / `conversation_label_facets`: counts per (status, channel, type, last
 *   agent) and per label on top, kept by triggers, so filtered tab counts add up a few hundred
 *   small rows instead of counting the table.
 * - `sync_refetch`: conversations whose record failed validation, to be fetched again one by one.
 * - Tab indexes that carry every filter column, partial for the two small tabs, so a filtered page
 *   is one index walk without touching the table; `rev` in them lets later pages leave out rows that
 *   moved since the first one.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'search-and-facets',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sync_state ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
      -- Set when a record failed validation without saying which conversation it was: only a
      -- fresh bootstrap (which sweeps) can then make the cache exact again.
      ALTER TABLE sync_state ADD COLUMN needs_resync INTEGER NOT NULL DEFAULT 0;

      -- Conversations whose record arrived malformed: fetched again one by one until they parse.
      CREATE TABLE sync_refetch (
        id INTEGER PRIMARY KEY,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      DROP INDEX conversations_all;
      DROP INDEX conversations_status_updated;
      DROP INDEX conversations_status_waiting;
      DROP INDEX conversations_customer;
      CREATE INDEX conversations_all ON conversations (updated_at, id, channel, type, last_agent_id, created_at, status, rev);
      CREATE INDEX conversations_queue ON conversations (wait_since, id, channel, type, last_agent_id, created_at, rev)
        WHERE status = 'in_queue';
      CREATE INDEX conversations_handled ON conversations (updated_at, id, channel, type, last_agent_id, created_at, rev)
        WHERE status = 'handled';
      CREATE INDEX conversations_agent ON conversations (last_agent_id, updated_at, id);
      CREATE INDEX conversations_created ON conversations (created_at, status, channel, type, last_agent_id);
      CREATE INDEX conversations_resolved ON conversations (resolved_at) WHERE status = 'resolved';

      CREATE VIRTUAL TABLE conversation_search USING fts5(
        who, labels, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2'
      );
      CREATE TRIGGER conversation_search_delete AFTER DELETE ON conversations BEGIN
        DELETE FROM conversation_search WHERE rowid = OLD.id;
      END;

      CREATE TABLE conversation_facets (
        status TEXT NOT NULL,
        channel TEXT NOT NULL,
        type TEXT NOT NULL,
        agent INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (status, channel, type, agent)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE conversation_label_facets (
        label_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        channel TEXT NOT NULL,
        type TEXT NOT NULL,
        agent INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (label_id, status, channel, type, agent)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO conversation_facets (status, channel, type, agent, n)
        SELECT status, channel, type, COALESCE(last_agent_id, 0), count(*) FROM conversations
        GROUP BY 1, 2, 3, 4;
      INSERT INTO conversation_label_facets (label_id, status, channel, type, agent, n)
        SELECT cl.label_id, c.status, c.channel, c.type, COALESCE(c.last_agent_id, 0), count(*)
        FROM conversation_labels cl JOIN conversations c ON c.id = cl.conversation_id
        GROUP BY 1, 2, 3, 4, 5;

      CREATE TRIGGER conversation_facets_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO conversation_facets (status, channel, type, agent, n)
          VALUES (NEW.status, NEW.channel, NEW.type, COALESCE(NEW.last_agent_id, 0), 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER conversation_facets_delete AFTER DELETE ON conversations BEGIN
        UPDATE conversation_facets SET n = n - 1
          WHERE status = OLD.status AND channel = OLD.channel AND type = OLD.type AND agent = COALESCE(OLD.last_agent_id, 0);
      END;
      CREATE TRIGGER conversation_facets_update AFTER UPDATE OF status, channel, type, last_agent_id ON conversations
        WHEN OLD.status IS NOT NEW.status OR OLD.channel IS NOT NEW.channel OR OLD.type IS NOT NEW.type
          OR OLD.last_agent_id IS NOT NEW.last_agent_id BEGIN
        UPDATE conversation_facets SET n = n - 1
          WHERE status = OLD.status AND channel = OLD.channel AND type = OLD.type AND agent = COALESCE(OLD.last_agent_id, 0);
        INSERT INTO conversation_facets (status, channel, type, agent, n)
          VALUES (NEW.status, NEW.channel, NEW.type, COALESCE(NEW.last_agent_id, 0), 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        UPDATE conversation_label_facets SET n = n - 1
          WHERE status = OLD.status AND channel = OLD.channel AND type = OLD.type AND agent = COALESCE(OLD.last_agent_id, 0)
            AND label_id IN (SELECT label_id FROM conversation_labels WHERE conversation_id = OLD.id);
        INSERT INTO conversation_label_facets (label_id, status, channel, type, agent, n)
          SELECT label_id, NEW.status, NEW.channel, NEW.type, COALESCE(NEW.last_agent_id, 0), 1
          FROM conversation_labels WHERE conversation_id = NEW.id
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;

      -- Label rows are always written and removed while their conversation row exists.
      CREATE TRIGGER conversation_label_facets_insert AFTER INSERT ON conversation_labels BEGIN
        INSERT INTO conversation_label_facets (label_id, status, channel, type, agent, n)
          SELECT NEW.label_id, c.status, c.channel, c.type, COALESCE(c.last_agent_id, 0), 1
          FROM conversations c WHERE c.id = NEW.conversation_id
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER conversation_label_facets_delete AFTER DELETE ON conversation_labels BEGIN
        UPDATE conversation_label_facets SET n = n - 1
          WHERE (label_id, status, channel, type, agent) IN (
            SELECT OLD.label_id, c.status, c.channel, c.type, COALESCE(c.last_agent_id, 0)
            FROM conversations c WHERE c.id = OLD.conversation_id);
      END;
    `)
    rebuildSearchDocs(db)
  },
}
