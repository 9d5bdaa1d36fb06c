import type { Migration } from './types'

/**
 * Log History copied newest first: a long copy (the first, or after long offline) takes the
 * newest page at once and then reads older pages down towards the window's start, in the rests
 * between live changes. `log_older_before` is where the next older page ends (ids below it are
 * still to come), NULL when nothing older is waiting; `log_older_floor` is the highest id copied
 * before the jump, where the older pages meet what was already there. Both are kept in the same
 * transaction as each page, as `log_after` is, so a restart goes on where it stopped.
 */
export const migration0280: Migration = {
  version: 280,
  name: 'log-older',
  up(db) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN log_older_before INTEGER;
      ALTER TABLE sync_state ADD COLUMN log_older_floor INTEGER NOT NULL DEFAULT 0;
    `)
  },
}
