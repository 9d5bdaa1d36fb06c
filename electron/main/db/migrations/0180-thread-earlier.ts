import type { Migration } from './types'

/**
 * Whether the server holds messages older than the oldest a thread's fetch brought: a thread is
 * fetched newest first and only so far, and the supervisor asks for earlier messages from there.
 * Threads cached before this migration say none; they are read again whole after a start-over.
 */
export const migration0180: Migration = {
  version: 180,
  name: 'thread-earlier',
  up(db) {
    db.exec('ALTER TABLE conversations ADD COLUMN messages_earlier INTEGER NOT NULL DEFAULT 0')
  },
}
