import type { Database } from 'better-sqlite3'
import type { Backend } from '../backend/backend'
import { markThreadLoaded, upsertMessages } from '../db/queries/messages'

/** Fetches one thread into the cache, replacing nothing the feed wrote since (messages are immutable). */
export async function loadThread(db: Database, backend: Backend, conversationId: number, now: () => number): Promise<void> {
  const messages = await backend.getMessages(conversationId)
  db.transaction(() => {
    upsertMessages(db, messages)
    markThreadLoaded(db, conversationId, now())
  }).immediate()
}
