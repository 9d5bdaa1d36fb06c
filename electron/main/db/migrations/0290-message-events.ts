import type { Migration } from './types'

/**
 * A system note's event (assigned, picked up, transferred, with whom) as the server described it,
 * JSON, so the page words the note in the supervisor's language. Notes cached before have none and
 * show the server's English text until the thread is read from the server again. The text stays
 * what the search indexes: a search finds what the server wrote, not one language's rewording.
 */
export const migration0290: Migration = {
  version: 290,
  name: 'message-events',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN event TEXT')
  },
}
