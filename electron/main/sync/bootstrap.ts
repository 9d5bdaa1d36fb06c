import type { Database } from 'better-sqlite3'
import type { Conversation } from '../../../shared/domain'
import type { ConversationPage, PackedConversationPage } from '../backend/backend'
import { conversationCount } from '../db/queries/conversations'
import { yieldToEventLoop } from './backoff'
import type { SyncWriter } from './sync-writer'
import type { WriteJob } from './write-jobs'

/**
 * Rows per write transaction. On the writer thread a slice only has to be small enough to clone
 * cheaply (the main thread copies it into the message) and to keep other writers waiting briefly;
 * on the main connection (no thread) it must fit in a frame: a row costs 40 to 150 µs with its
 * indexes, facet triggers and search document.
 */
const THREADED_SLICE_ROWS = 250
const INLINE_SLICE_ROWS = 25
/**
 * Slices sent to the writer thread before the oldest must be committed: enough for it to always
 * have the next at hand, and to commit those queued together (see writer-worker). With four, a
 * group never held more than 1,250 rows.
 */
const SLICES_AHEAD = 8

export interface BootstrapArgs {
  db: Database
  writer: SyncWriter
  /** The feed position read together with the workspace, before the first page. */
  startCursor: string
  resolvedSince: number
  /** Fetches one page, retrying transient failures (see sync-engine). A packed page goes to the writer undecoded. */
  fetchPage: (page: string | null) => Promise<ConversationPage | PackedConversationPage>
  onPage: (conversationIds: number[]) => void
  /** Throws when the sync was stopped, to abandon the bootstrap between pages. */
  checkpoint: () => void
  now: () => number
}

/**
 * Copies the current window page by page, fetching the next page while the current one is
 * written. The cursor is written only with the LAST slice of the last page: a crash halfway
 * leaves no cursor, so the next start bootstraps again instead of trusting partial data. Starting
 * from a cursor read before the first page means the catch-up replays anything that changed while
 * paging; versioned upserts make the replay harmless.
 *
 * Into a cache that already holds rows (a cursor that expired, a crash mid-bootstrap) nothing is
 * wiped first: the old rows stay on screen, every row the server sends is marked seen, and the
 * last slice's transaction removes the rows that were not, together with setting the cursor.
 *
 * A slice that fails ends the bootstrap, and the writer refuses the slices sent after it, so
 * nothing after it (above all the cursor) is written.
 */
export async function bootstrap(args: BootstrapArgs): Promise<void> {
  const { writer } = args
  const fresh = conversationCount(args.db) === 0
  // A thread on screen that is no longer cached is read again by whoever shows it.
  const forgotten = await writer.run({ kind: 'bootstrap-begin', resolvedSince: args.resolvedSince, fresh })
  args.onPage(forgotten)
  let unidentified = 0
  // Slices are sent ahead, so the writer has the next ones as soon as it commits; the chain makes
  // it refuse every slice after one that failed.
  const chain = writer.newChain()
  const sent: Promise<void>[] = []
  try {
    let pending = args.fetchPage(null)
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
      const slices = slicesOf(result, writer.threaded ? THREADED_SLICE_ROWS : INLINE_SLICE_ROWS)
      for (const [n, rows] of slices.entries()) {
        const end = last && n === slices.length - 1
        const slice: SliceArgs = { fresh, skippedIds, end: end ? { startCursor: args.startCursor, unidentified } : null, now: args.now() }
        // Announced once committed; the writer commits slices in the order they were sent.
        const written = writeSlice(writer, rows, slice, chain).then((ids) => args.onPage(ids))
        skippedIds = []
        // Its failure is met when it is awaited, or concerns nobody when the bootstrap ends first.
        written.catch(() => {})
        sent.push(written)
        if (end) {
          await Promise.all(sent)
          return
        }
        if (sent.length > SLICES_AHEAD) await sent.shift()
        // On the main connection a job settles at once: give input, IPC and timers their turn.
        if (!writer.threaded) await yieldToEventLoop()
        args.checkpoint()
      }
    }
  } finally {
    // Drops the seen ids, whether the bootstrap ended or was abandoned; nothing to say if that fails.
    await writer.run({ kind: 'bootstrap-done', fresh }).catch(() => {})
  }
}

type SliceArgs = Omit<WriteJob<'bootstrap-slice'>, 'kind' | 'items'>

function writeSlice(writer: SyncWriter, rows: Conversation[] | Uint8Array, slice: SliceArgs, chain: number): Promise<number[]> {
  return Array.isArray(rows) ? writer.run({ kind: 'bootstrap-slice', items: rows, ...slice }, chain) : writer.run({ kind: 'bootstrap-slice', packed: rows, ...slice }, chain)
}

/**
 * A page's records in slices of at least one (an empty last page still carries the cursor). A
 * packed page is one slice: it is only decoded on the writer's side.
 */
function slicesOf(page: ConversationPage | PackedConversationPage, rows: number): (Conversation[] | Uint8Array)[] {
  if ('packed' in page) return [page.packed]
  const slices: Conversation[][] = []
  for (let i = 0; i === 0 || i < page.items.length; i += rows) slices.push(page.items.slice(i, i + rows))
  return slices
}
