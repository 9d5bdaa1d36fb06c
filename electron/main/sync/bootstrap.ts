import type { Database } from 'better-sqlite3'
import type { Backend } from '../backend/backend'
import { deleteAllConversations, upsertConversations } from '../db/queries/conversations'
import { setCursor, setResolvedSince } from '../db/queries/sync-state'
import { yieldToEventLoop } from './backoff'

export interface BootstrapArgs {
  db: Database
  backend: Backend
  /** The feed position read together with the workspace, before the first page. */
  startCursor: string
  resolvedSince: number
  pageSize: number
  onPage: (conversationIds: number[]) => void
  /** Throws when the sync was stopped, to abandon the bootstrap between pages. */
  checkpoint: () => void
  now: () => number
}

/**
 * Copies the current window page by page. The cursor is written only with the LAST page: a crash
 * halfway leaves no cursor, so the next start bootstraps again instead of trusting partial data.
 * Starting from a cursor read before the first page means the catch-up replays anything that
 * changed while paging; versioned upserts make the replay harmless.
 */
export async function bootstrap(args: BootstrapArgs): Promise<void> {
  const { db, backend } = args
  db.transaction(() => {
    setCursor(db, null, null)
    setResolvedSince(db, args.resolvedSince)
  }).immediate()
  let page: string | null = null
  for (;;) {
    const result = await backend.listConversations({ page, resolvedSince: args.resolvedSince, limit: args.pageSize })
    args.checkpoint()
    const last = result.next === null
    const ids = db
      .transaction(() => {
        const changed = upsertConversations(db, result.items)
        if (last) setCursor(db, args.startCursor, args.now())
        return changed
      })
      .immediate()
    args.onPage(ids)
    if (last) return
    page = result.next
    await yieldToEventLoop()
    args.checkpoint()
  }
}

/** Forgets every synced conversation and the cursor together; other tables (the outbox, later) stay. */
export function dropSyncedData(db: Database): void {
  db.transaction(() => {
    deleteAllConversations(db)
    setCursor(db, null, null)
  }).immediate()
}
