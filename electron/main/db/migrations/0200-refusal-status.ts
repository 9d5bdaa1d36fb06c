import type { Migration } from './types'

/**
 * A refusal for a conflict keeps the conversation's status on the server, so it can say "was
 * resolved meanwhile" rather than "changed on the server (resolved or moved)".
 */
export const migration0200: Migration = {
  version: 200,
  name: 'refusal-status',
  up(db) {
    db.exec('ALTER TABLE outbox_actions ADD COLUMN reason_status TEXT')
  },
}
