import type { Database } from 'better-sqlite3'
import type { Backend, ConversationPage } from '../backend/backend'
import { conversationCount, deleteAllConversations, upsertConversations } from '../db/queries/conversations'
import { beginSeen, endSeen, markSeen, sweepUnseen } from '../db/queries/bootstrap-seen'
import { addRefetch, setNeedsResync } from '../db/queries/refetch'
import { setCursor, setResolvedSince } from '../db/queries/sync-state'
import { yieldToEventLoop } from './backoff'

/**
 * A write transaction ends once it has taken this long (or holds SLICE_MAX_ROWS), and the event
 * loop gets a turn before the next: a row costs 40 to 150 µs with its indexes, facet triggers and
 * search document, so a fixed count would overrun a frame on a slow disk or a busy machine.
 */
const SLICE_BUDGET_MS = 4
const SLICE_MAX_ROWS = 200
/** Rows written between two looks at the clock. */
const SLICE_STEP_ROWS = 10

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
      // The skipped ids of a page are remembered (and marked seen) with its first slice.
      let skippedIds = result.skippedIds
      for (let i = 0; i < result.items.length || i === 0; ) {
        const from = i
        const ids = db
          .transaction(() => {
            const changed: number[] = []
            const started = performance.now()
            do {
              const chunk = result.items.slice(i, i + SLICE_STEP_ROWS)
              i += SLICE_STEP_ROWS
              changed.push(...upsertConversations(db, chunk, { fresh }))
              if (!fresh) markSeen(db, chunk.map((c) => c.id))
            } while (i < result.items.length && i - from < SLICE_MAX_ROWS && performance.now() - started < SLICE_BUDGET_MS)
            // A record that failed validation is fetched again on its own later; until then it counts as seen.
            addRefetch(db, skippedIds)
            if (!fresh) markSeen(db, skippedIds)
            skippedIds = []
            if (last && i >= result.items.length) {
              if (!fresh) changed.push(...sweepUnseen(db))
              // This bootstrap is the resync a record without an id asked for, unless it met one itself.
              setNeedsResync(db, unidentified > 0)
              setCursor(db, args.startCursor, args.now())
            }
            return changed
          })
          .immediate()
        args.onPage(ids)
        if (!(last && i >= result.items.length)) await yieldToEventLoop()
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
