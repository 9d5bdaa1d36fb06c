import { settleCachedTimes } from '../unclear-times'
import type { Migration } from './types'

/**
 * What the server sent for times that cannot be right (unclear-times.ts), kept beside the time the
 * cache writes in their place. A cache written before holds such times as they came, a chat from
 * 2099 at the top of the list for good: they are settled here as if first seen now, by the server's
 * clock as last read (0170). At a million conversations (a shared 2-core machine) the column takes
 * 1.3-1.5 s (SQLite checks every row of a table with generated columns when one is added) and
 * finding such times 0.3-0.4 s (no index covers every time column, so the table is read once), on
 * the migration's own thread (migrate-off-thread.ts).
 */
export const migration0250: Migration = {
  version: 250,
  name: 'unclear-times',
  up(db) {
    db.exec('ALTER TABLE conversations ADD COLUMN unclear_times TEXT')
    const offset = db.prepare('SELECT clock_offset_ms FROM sync_state WHERE id = 1').pluck().get() as number | undefined
    settleCachedTimes(db, Date.now() + (offset ?? 0))
  },
}
