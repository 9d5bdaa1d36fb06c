import { settleCachedMessageTimes } from '../unclear-message-times'
import type { Migration } from './types'

/**
 * What the server sent for a message's time that cannot be right (unclear-message-times.ts), kept
 * beside the place the cache writes in its stead. A cache written before holds such times as they
 * came, a message from 2099 at the bottom of its thread for good: they are settled here, judged by
 * the server's clock as last read (0170). Only threads a supervisor opened are cached, and the
 * messages are found in one read of the table.
 */
export const migration0270: Migration = {
  version: 270,
  name: 'unclear-message-times',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN unclear_at INTEGER')
    const offset = db.prepare('SELECT clock_offset_ms FROM sync_state WHERE id = 1').pluck().get() as number | undefined
    settleCachedMessageTimes(db, Date.now() + (offset ?? 0))
  },
}
