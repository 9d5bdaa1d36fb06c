import type { Migration } from './types'

/**
 * Indexes for filters that select few rows out of many. The tab indexes (0060, 0080) serve a page
 * by walking the list's order and checking each row; when the filters keep one row in ten
 * thousand, that walk reads most of the tab. These lead with the filter columns instead, one
 * "cell" per (status, channel, type, last agent) value, each in the list's order: a page is then
 * a seek into each matching cell, and SQLite's ORDER BY … LIMIT handling with IN operators leaves
 * a cell as soon as its next row cannot make the page (see conversation-plan.ts).
 *
 * `label_set` (",2,9,") repeats the conversation's labels on its row, so a cell checks a label
 * filter inside the index: a probe into conversation_labels would put a second table into the
 * loop, and SQLite then no longer leaves cells early. Pages read their labels from it as well.
 *
 * `agent_key` is the last agent with 0 for none, because an IN list cannot name NULL; `created_day`
 * (UTC days) lets a date range with the activity order take one cell per day instead of reading
 * every row created in the range. Both are virtual: computed, never stored, only indexed.
 */
export const migration0090: Migration = {
  version: 90,
  name: 'filter-cells',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN label_set TEXT NOT NULL DEFAULT '';
      UPDATE conversations SET label_set = (
        SELECT ',' || group_concat(label_id, ',') || ',' FROM (SELECT label_id FROM conversation_labels WHERE conversation_id = conversations.id ORDER BY label_id)
      ) WHERE id IN (SELECT conversation_id FROM conversation_labels);
      ALTER TABLE conversations ADD COLUMN agent_key INTEGER GENERATED ALWAYS AS (COALESCE(last_agent_id, 0)) VIRTUAL;
      ALTER TABLE conversations ADD COLUMN created_day INTEGER GENERATED ALWAYS AS (created_at / 86400000) VIRTUAL;

      CREATE INDEX conversations_cells_activity ON conversations (status, channel, type, agent_key, updated_at, id, created_at, label_set, rev);
      CREATE INDEX conversations_cells_created ON conversations (status, channel, type, agent_key, created_at, id, label_set, rev);
      CREATE INDEX conversations_cells_customer ON conversations (status, channel, type, agent_key, customer_sort, id, created_at, label_set, rev);
      CREATE INDEX conversations_days_activity ON conversations (status, created_day, updated_at, id, channel, type, agent_key, created_at, label_set, rev);
      DROP INDEX conversations_agent;
    `)
  },
}
