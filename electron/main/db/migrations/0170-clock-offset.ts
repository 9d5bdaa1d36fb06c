import type { Migration } from './types'

/**
 * The server's clock as last read (ServerClock): kept with the cache, whose every timestamp is the
 * server's, so an Observe started without a connection measures waits by it too, rather than by a
 * computer's clock that may be hours off.
 */
export const migration0170: Migration = {
  version: 170,
  name: 'clock-offset',
  up(db) {
    db.exec('ALTER TABLE sync_state ADD COLUMN clock_offset_ms INTEGER NOT NULL DEFAULT 0')
  },
}
