import type { Migration } from './types'

/**
 * Log History by agent: each hand-off under every agent it involves (who did it, who gave the chat
 * up, who received it), keyed in the page's order, newest first by time, so one agent's entries,
 * over any range of time, are read by walking an index rather than by sifting the whole log.
 * Triggers keep it with the log, so the sync's writes, the prune and a dataset drop need not know
 * it exists.
 */
export const migration0150: Migration = {
  version: 150,
  name: 'log-agents',
  up(db) {
    db.exec(`
      CREATE TABLE assignment_log_agents (
        agent_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        log_id INTEGER NOT NULL,
        PRIMARY KEY (agent_id, at, log_id)
      ) WITHOUT ROWID, STRICT;
      CREATE TRIGGER assignment_log_agents_insert AFTER INSERT ON assignment_log BEGIN
        INSERT OR IGNORE INTO assignment_log_agents (agent_id, at, log_id)
          SELECT agent_id, NEW.at, NEW.id FROM (SELECT NEW.by_agent_id AS agent_id UNION SELECT NEW.from_agent_id UNION SELECT NEW.to_agent_id)
          WHERE agent_id IS NOT NULL;
      END;
      CREATE TRIGGER assignment_log_agents_delete AFTER DELETE ON assignment_log BEGIN
        DELETE FROM assignment_log_agents
        WHERE agent_id IN (OLD.by_agent_id, OLD.from_agent_id, OLD.to_agent_id) AND at = OLD.at AND log_id = OLD.id;
      END;
      INSERT OR IGNORE INTO assignment_log_agents (agent_id, at, log_id)
        SELECT by_agent_id, at, id FROM assignment_log
        UNION SELECT from_agent_id, at, id FROM assignment_log WHERE from_agent_id IS NOT NULL
        UNION SELECT to_agent_id, at, id FROM assignment_log;
    `)
  },
}
