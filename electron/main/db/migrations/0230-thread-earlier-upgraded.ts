import type { Migration } from './types'

/**
 * Threads cached by builds before 0180 came at most 2,000 messages deep (ten pages of 200), and
 * 0180 said of every one that the server held nothing earlier: after an upgrade, a long thread
 * never offered its earlier messages. Any cached thread that deep may have more, so it asks; one
 * that had it all costs a single request that finds nothing. Driven from the thread index, so
 * the work follows the messages cached (threads opened), not the conversations.
 */
export const migration0230: Migration = {
  version: 230,
  name: 'thread-earlier-upgraded',
  up(db) {
    db.exec(`
      UPDATE conversations SET messages_earlier = 1
      WHERE messages_earlier = 0 AND messages_loaded_at IS NOT NULL
        AND id IN (SELECT conversation_id FROM messages GROUP BY conversation_id HAVING count(*) >= 2000)`)
  },
}
