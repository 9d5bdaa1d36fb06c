import type { Migration } from './types'

/**
 * Since when a customer has waited for an answer: their first message after the last reply. The
 * API sends only the last message, whose time moved on each time the customer wrote again, so a
 * customer asking again and again looked less urgent each time. The cache keeps the first from
 * the changes it sees. Rows cached before are left NULL: their last message's time stands in.
 */
export const migration0190: Migration = {
  version: 190,
  name: 'awaiting-since',
  up(db) {
    db.exec('ALTER TABLE conversations ADD COLUMN awaiting_since INTEGER')
  },
}
