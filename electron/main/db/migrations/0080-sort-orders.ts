import type { Migration } from './types'
import { customerSortKey } from '../rows'

/**
 * The list orders beyond each tab's default (conversation-sort.ts). Activity and waiting orders walk
 * the existing tab indexes either way; conversation date and customer name get their own, shaped
 * like those (every filter column and `rev` inside, partial for Handled), so a sorted, filtered
 * page is still one index walk.
 *
 * `customer_sort` is the customer's name folded for comparison (see customerSortKey), kept on the
 * conversation so the name order is an index order; the upsert writes it with each record.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'sort-orders',
  up(db) {
    db.exec(`ALTER TABLE conversations ADD COLUMN customer_sort TEXT NOT NULL DEFAULT ''`)
    db.function('observe_customer_sort_key', { deterministic: true }, (name: unknown) => customerSortKey(typeof name === 'string' ? name : ''))
    db.exec(`
      UPDATE conversations SET customer_sort = observe_customer_sort_key((SELECT name FROM customers cu WHERE cu.id = conversations.customer_id));

      CREATE INDEX conversations_all_created ON conversations (created_at, id, channel, type, last_agent_id, status, rev);
      CREATE INDEX conversations_handled_created ON conversations (created_at, id, channel, type, last_agent_id, rev)
        WHERE status = 'handled';
      CREATE INDEX conversations_all_customer ON conversations (customer_sort, id, channel, type, last_agent_id, created_at, status, rev);
      CREATE INDEX conversations_handled_customer ON conversations (customer_sort, id, channel, type, last_agent_id, created_at, rev)
        WHERE status = 'handled';
    `)
  },
}
