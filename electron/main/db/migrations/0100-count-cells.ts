import type { Migration } from './types'

/**
 * Facet counts for the filters 0060's tables do not answer, kept by the same kind of triggers, so
 * a filtered tab count adds up small rows instead of counting the table:
 *
 * - `conversation_set_facets`: per (status, label set). Several labels are an OR, and a
 *   conversation with two of them must count once, which per-label counts cannot tell.
 * - `conversation_day_facets`: per (UTC day created, status, channel, type, last agent). A date
 *   range is whole days from here plus its two partial days, counted through an index.
 * - `conversation_hour_facets`: per (UTC hour created, status), so those partial days cost whole
 *   hours from here and two partial hours from the index when no other filter is set.
 *
 * Date-range counts used to read 0060's `conversations_created`; nothing does now, and each index
 * costs every write, so it goes (the partial hours read `conversations_all_created`).
 */
export const migration0100: Migration = {
  version: 100,
  name: 'count-cells',
  up(db) {
    db.exec(`
      DROP INDEX conversations_created;
      CREATE TABLE conversation_set_facets (
        status TEXT NOT NULL,
        label_set TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (status, label_set)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE conversation_day_facets (
        day INTEGER NOT NULL,
        status TEXT NOT NULL,
        channel TEXT NOT NULL,
        type TEXT NOT NULL,
        agent INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, status, channel, type, agent)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE conversation_hour_facets (
        hour INTEGER NOT NULL,
        status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (hour, status)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO conversation_set_facets (status, label_set, n)
        SELECT status, label_set, count(*) FROM conversations GROUP BY 1, 2;
      INSERT INTO conversation_day_facets (day, status, channel, type, agent, n)
        SELECT created_at / 86400000, status, channel, type, COALESCE(last_agent_id, 0), count(*) FROM conversations GROUP BY 1, 2, 3, 4, 5;
      INSERT INTO conversation_hour_facets (hour, status, n)
        SELECT created_at / 3600000, status, count(*) FROM conversations GROUP BY 1, 2;

      CREATE TRIGGER conversation_cells_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO conversation_set_facets (status, label_set, n) VALUES (NEW.status, NEW.label_set, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO conversation_day_facets (day, status, channel, type, agent, n)
          VALUES (NEW.created_at / 86400000, NEW.status, NEW.channel, NEW.type, COALESCE(NEW.last_agent_id, 0), 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO conversation_hour_facets (hour, status, n) VALUES (NEW.created_at / 3600000, NEW.status, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER conversation_cells_delete AFTER DELETE ON conversations BEGIN
        UPDATE conversation_set_facets SET n = n - 1 WHERE status = OLD.status AND label_set = OLD.label_set;
        UPDATE conversation_day_facets SET n = n - 1
          WHERE day = OLD.created_at / 86400000 AND status = OLD.status AND channel = OLD.channel AND type = OLD.type
            AND agent = COALESCE(OLD.last_agent_id, 0);
        UPDATE conversation_hour_facets SET n = n - 1 WHERE hour = OLD.created_at / 3600000 AND status = OLD.status;
      END;
      CREATE TRIGGER conversation_cells_update AFTER UPDATE OF status, channel, type, last_agent_id, created_at, label_set ON conversations
        WHEN OLD.status IS NOT NEW.status OR OLD.channel IS NOT NEW.channel OR OLD.type IS NOT NEW.type
          OR OLD.last_agent_id IS NOT NEW.last_agent_id OR OLD.created_at IS NOT NEW.created_at OR OLD.label_set IS NOT NEW.label_set BEGIN
        UPDATE conversation_set_facets SET n = n - 1 WHERE status = OLD.status AND label_set = OLD.label_set;
        INSERT INTO conversation_set_facets (status, label_set, n) VALUES (NEW.status, NEW.label_set, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        UPDATE conversation_day_facets SET n = n - 1
          WHERE day = OLD.created_at / 86400000 AND status = OLD.status AND channel = OLD.channel AND type = OLD.type
            AND agent = COALESCE(OLD.last_agent_id, 0);
        INSERT INTO conversation_day_facets (day, status, channel, type, agent, n)
          VALUES (NEW.created_at / 86400000, NEW.status, NEW.channel, NEW.type, COALESCE(NEW.last_agent_id, 0), 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        UPDATE conversation_hour_facets SET n = n - 1 WHERE hour = OLD.created_at / 3600000 AND status = OLD.status;
        INSERT INTO conversation_hour_facets (hour, status, n) VALUES (NEW.created_at / 3600000, NEW.status, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
    `)
  },
}
