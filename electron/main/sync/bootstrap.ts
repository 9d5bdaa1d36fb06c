import type { Database } from 'better-sqlite3'
import type { Backend, ConversationPage } from '../backend/backend'
import { conversationCount, deleteAllConversations, upsertConversations } from '../db/queries/conversations'
import { beginSeen, endSeen, markSeen, sweepUnseen } from '../db/queries/bootstrap-seen'
import { addRefetch, setNeedsResync } from '../db/queries/refetch'
import { setCursor, setResolvedSince } from '../db/queries/sync-state'
import { yieldToEventLoop } from './backoff'

/** Rows per write transaction: small enough that one commit never holds the event loop for a frame. */
const ROWS_PER_TRANSACTION = 250

export interface BootstrapArgs {
  db: Database
  backend: Backend
  /** The feed position read together with the workspace, before the first page. */
  startCursor: string
  resolvedSince: number
  pageSize: number
  /** Fetches one page, retrying transient failures (see sync-engine). */
  fetchPage: (page: string | null) => Promise<ConversationPage>
  onPage: (conversationIds: number[]) => void
  /** Throws when the sync was stopped, to abandon the bootstrap between pages. */
  checkpoint: () => void
  now: () => number
}

/**
 * Copies the current window page by page, fetching the next page while the current one is
 * written. The cursor is written only with the LAST page: a crash halfway leaves no cursor, so
 * the next start bootstraps again instead of trusting partial data. Starting from a cursor read
 * before the first page means the catch-up replays anything that changed while paging; versioned
 * upserts make the replay harmless.
 *
 * Into a cache that already holds rows (a cursor that expired, a crash mid-bootstrap) nothing is
 * wiped first: the old rows stay on screen, every row the server sends is marked seen, and the
 * last page's transaction removes the rows that were not, together with setting the cursor.
 */
export async function bootstrap(args: BootstrapArgs): Promise<void> {
  const { db } = args
  const fresh = conversationCount(db) === 0
  db.transaction(() => {
    setCursor(db, null, null)
    setResolvedSince(db, args.resolvedSince)
  }).immediate()
  if (!fresh) beginSeen(db)
  let unidentified = 0
  try {
    let pending: Promise<ConversationPage> = args.fetchPage(null)
    for (;;) {
      const result = await pending
      args.checkpoint()
      const last = result.next === null
      unidentified += result.unidentified
      if (!last) {
        pending = args.fetchPage(result.next)
        // Abandoned when the sync stops between pages; its failure then concerns nobody.
        pending.catch(() => {})
      }
      for (let i = 0; i < result.items.length || i === 0; i += ROWS_PER_TRANSACTION) {
        const chunk = result.items.slice(i, i + ROWS_PER_TRANSACTION)
        const final = last && i + ROWS_PER_TRANSACTION >= result.items.length
        const ids = db
          .transaction(() => {
            const changed = upsertConversations(db, chunk, { fresh })
            // A record that failed validation is fetched again on its own later; until then it counts as seen.
            addRefetch(db, result.skippedIds)
            if (!fresh) {
              markSeen(db, chunk.map((c) => c.id))
              markSeen(db, result.skippedIds)
            }
            if (final) {
              if (!fresh) changed.push(...sweepUnseen(db))
              // This bootstrap is the resync a record without an id asked for, unless it met one itself.
              setNeedsResync(db, unidentified > 0)
              setCursor(db, args.startCursor, args.now())
            }
            return changed
          })
          .immediate()
        args.onPage(ids)
        if (!final) await yieldToEventLoop()
        args.checkpoint()
      }
      if (last) return
    }
  } finally {
    if (!fresh) endSeen(db)
  }
}

/** Forgets every synced conversation and the cursor together; other tables (the outbox) stay. */
export function dropSyncedData(db: Database): void {
  db.transaction(() => {
    deleteAllConversations(db)
    setCursor(db, null, null)
  }).immediate()
}
