import type { Migration } from './types'

/**
 * A pending action keeps why its last try failed in a few stable words (FailureReason), beside the
 * technical text, so the page can say it in the supervisor's language. Actions stored before have
 * none (NULL) and keep their text.
 */
export const migration0320: Migration = {
  version: 320,
  name: 'retry-reason',
  up(db) {
    db.exec('ALTER TABLE outbox_actions ADD COLUMN last_error_reason TEXT')
  },
}
