import type { Migration } from './types'

/**
 * A transfer remembers the agent it moves the chat from, and no action a version any more. The
 * server bumps a conversation's version with every message, so an action queued offline was
 * refused as a conflict whenever the customer wrote again meanwhile, which is nearly always. An
 * assign needs no such check (the server takes only a queued chat); a transfer checks that the
 * agent the supervisor saw still has it.
 *
 * Each action also records the server's dataset it was queued against: a server that comes back
 * holding other data may give its conversation id to another customer (see pusher.ts).
 *
 * An action queued before this step gets the dataset the cache holds now and, for a transfer, the agent it was moving the chat from as
 * the cache knew it: the target of the action queued before it on the same conversation, else the
 * server's own handler kept in `outbox_base`.
 */
export const migration0130: Migration = {
  version: 130,
  name: 'transfer-from-agent-and-dataset',
  up(db) {
    db.exec(`
      ALTER TABLE outbox_actions ADD COLUMN from_agent_id INTEGER;
      UPDATE outbox_actions AS a SET from_agent_id = COALESCE(
        (SELECT p.agent_id FROM outbox_actions p
          WHERE p.conversation_id = a.conversation_id AND p.state IN ('queued', 'sending') AND p.id < a.id
          ORDER BY p.id DESC LIMIT 1),
        (SELECT b.agent_id FROM outbox_base b WHERE b.conversation_id = a.conversation_id))
      WHERE a.kind = 'transfer' AND a.state IN ('queued', 'sending');
      ALTER TABLE outbox_actions DROP COLUMN expected_version;
      ALTER TABLE outbox_actions ADD COLUMN dataset_id TEXT;
      UPDATE outbox_actions SET dataset_id = (SELECT dataset_id FROM sync_state WHERE id = 1);
    `)
  },
}
