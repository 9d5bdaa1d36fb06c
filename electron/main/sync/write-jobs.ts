import type { Database } from 'better-sqlite3'
import type { AssignmentRecord } from '../../../shared/api'
import type { Conversation, Message } from '../../../shared/domain'
import type { BackendChange, Skipped } from '../backend/backend'
import { addLogEntries, addNewestLogEntries, addOlderLogEntries, clearLog, forgetLogOlder, pruneLog, type OlderPage } from '../db/queries/assignment-log'
import { settleAwaiting, unansweredFrom, type AwaitingFound } from '../db/queries/awaiting'
import { beginSeen, endSeen, markSeen, sweepUnseen } from '../db/queries/bootstrap-seen'
import { deleteAllConversations, deleteConversations, pruneResolved, upsertConversations } from '../db/queries/conversations'
import { forgetLoadedThreads, markEarlierOnServer, markThreadLoaded, upsertMessages } from '../db/queries/messages'
import { addRefetch, doneRefetch, setNeedsResync } from '../db/queries/refetch'
import { mergeSearchStep } from '../db/queries/search-upkeep'
import { setClockOffset, setCursor, setLastSyncedAt, setResolvedSince } from '../db/queries/sync-state'
import type { Log } from '../log'
import { applyChanges, type Applied } from './apply'

/** What the last slice of a bootstrap also commits: the cursor that makes the copy count. */
export interface BootstrapEnd {
  startCursor: string
  /** Records without a usable id met during this bootstrap. */
  unidentified: number
}

/**
 * Every write of the sync, as plain data, so the same transaction runs on whichever connection
 * the writer owns (a worker thread's, or the main one's). Each job is one transaction.
 */
export interface WriteJobs {
  /**
   * Forgets the cursor before the first page, so a crash halfway bootstraps again; into a cache
   * that holds rows, forgets which threads are cached too. Returns those threads' ids.
   */
  'bootstrap-begin': { args: { resolvedSince: number; fresh: boolean }; result: number[] }
  /** `now`: the server's clock, by which the times are judged (unclear-times.ts) and, with the end, when the cache was current. */
  'bootstrap-slice': {
    args: { items: Conversation[]; fresh: boolean; skippedIds: number[]; end: BootstrapEnd | null; now: number }
    result: number[]
  }
  'bootstrap-done': { args: { fresh: boolean }; result: null }
  /** `loading`: threads being fetched, whose messages in the batch are kept (see applyChanges). */
  apply: { args: { changes: BackendChange[]; cursor: string; now: number; skipped: Skipped; loading: number[] }; result: Applied }
  prune: { args: { since: number }; result: number[] }
  /** A conversation fetched again after a malformed record: kept (versioned upsert) or removed. */
  refetched: { args: { id: number; keep: Conversation | null; now: number }; result: null }
  drop: { args: object; result: null }
  /** One step of merging the search index into one segment; whether there was work to do. */
  'tidy-search': { args: { pages: number }; result: boolean }
  /** The server said it is there and nothing changed: the cache was current at `at`. */
  heartbeat: { args: { at: number }; result: null }
  /** The server's clock was read anew (ServerClock): kept for a start without a connection. */
  'clock-offset': { args: { offsetMs: number }; result: null }
  /** A page of the server's assignment log and the log's cursor past it; answers how many entries were new. */
  'assignment-log': { args: { records: AssignmentRecord[]; after: number; since: number }; result: number }
  /** The newest page of a log copied newest first, and where older pages will go on from; answers how many entries were new. */
  'assignment-log-newest': { args: { page: OlderPage; since: number }; result: number }
  /** A page below the newest, and the older cursor past it; answers how many entries were new. */
  'assignment-log-older': { args: { page: OlderPage; since: number }; result: number }
  /** The backend stopped reading its log newest first: the older pages still missing are read forward instead. */
  'assignment-log-oldest-first': { args: object; result: null }
  /**
   * A thread's newest messages, fetched when the supervisor opened it (messages never change, so
   * nothing newer is replaced), and whether the server holds older ones. They settle the customer's
   * wait when only estimated (`trusted`: no record of them was left out as malformed). `at`, the
   * server's clock, judges their times too (unclear-message-times.ts).
   */
  'thread-loaded': { args: { conversationId: number; messages: Message[]; earlier: boolean; at: number; trusted: boolean }; result: null }
  /**
   * Since when customers wait, as their threads' newest messages say (AwaitingBackfill), each for a
   * row still at `version`; answers the ids written.
   */
  'awaiting-found': { args: { found: { conversationId: number; version: number; found: AwaitingFound }[] }; result: number[] }
  /** Messages older than the oldest cached of a thread, fetched when the supervisor asked for them; their times judged by the server's clock `now`. */
  'thread-earlier': { args: { conversationId: number; messages: Message[]; earlier: boolean; now: number }; result: null }
}

export type WriteKind = keyof WriteJobs
export type WriteJob<K extends WriteKind = WriteKind> = K extends WriteKind ? { kind: K } & WriteJobs[K]['args'] : never
export type WriteResult<K extends WriteKind> = WriteJobs[K]['result']

/** A bootstrap slice's writes, inside the caller's transaction. */
function writeSlice(db: Database, job: WriteJob<'bootstrap-slice'>, log: Log): number[] {
  const changed = upsertConversations(db, job.items, { fresh: job.fresh, times: { now: job.now, log } })
  // A record that failed validation is fetched again on its own later; until then it counts as seen.
  addRefetch(db, job.skippedIds)
  if (!job.fresh) {
    markSeen(db, job.items.map((c) => c.id))
    markSeen(db, job.skippedIds)
  }
  if (job.end) {
    if (!job.fresh) changed.push(...sweepUnseen(db))
    // This bootstrap is the resync a record without an id asked for, unless it met one itself.
    setNeedsResync(db, job.end.unidentified > 0)
    setCursor(db, job.end.startCursor, job.now)
  }
  return changed
}

/** `log`: where a write says what it found (a time that cannot be right), on whichever thread it runs. */
type Handlers = { [K in WriteKind]: (db: Database, job: WriteJob<K>, log: Log) => WriteResult<K> }

const handlers: Handlers = {
  'bootstrap-begin': (db, job) => {
    const forgotten = db
      .transaction(() => {
        setCursor(db, null, null)
        setResolvedSince(db, job.resolvedSince)
        // Here, not with the last slice: a thread read while the bootstrap runs comes after the
        // new cursor, so the catch-up keeps it whole.
        return job.fresh ? [] : forgetLoadedThreads(db)
      })
      .immediate()
    // The seen ids live in a TEMP table of this connection: every slice must go to the same one.
    if (!job.fresh) beginSeen(db)
    return forgotten
  },

  'bootstrap-slice': (db, job, log) => db.transaction(() => writeSlice(db, job, log)).immediate(),

  'bootstrap-done': (db, job) => {
    if (!job.fresh) endSeen(db)
    return null
  },

  apply: (db, job, log) => applyChanges(db, job.changes, job.cursor, { now: job.now, log }, job.skipped, job.loading),

  prune: (db, job) =>
    db
      .transaction(() => {
        setResolvedSince(db, job.since)
        pruneLog(db, job.since)
        return pruneResolved(db, job.since)
      })
      .immediate(),

  refetched: (db, job, log) => {
    db.transaction(() => {
      if (job.keep) upsertConversations(db, [job.keep], { times: { now: job.now, log } })
      else deleteConversations(db, [job.id])
      doneRefetch(db, job.id)
    }).immediate()
    return null
  },

  drop: (db) => {
    db.transaction(() => {
      deleteAllConversations(db)
      clearLog(db)
      setCursor(db, null, null)
    }).immediate()
    return null
  },

  'tidy-search': (db, job) => mergeSearchStep(db, job.pages),

  heartbeat: (db, job) => {
    setLastSyncedAt(db, job.at)
    return null
  },

  'clock-offset': (db, job) => {
    setClockOffset(db, job.offsetMs)
    return null
  },

  'assignment-log': (db, job) => db.transaction(() => addLogEntries(db, job.records, job.after, job.since)).immediate(),
  'assignment-log-newest': (db, job) => db.transaction(() => addNewestLogEntries(db, job.page, job.since)).immediate(),
  'assignment-log-older': (db, job) => db.transaction(() => addOlderLogEntries(db, job.page, job.since)).immediate(),
  'assignment-log-oldest-first': (db) => {
    db.transaction(() => forgetLogOlder(db)).immediate()
    return null
  },

  'thread-loaded': (db, job, log) => {
    db.transaction(() => {
      upsertMessages(db, job.messages, { now: job.at, log })
      markThreadLoaded(db, job.conversationId, job.at)
      markEarlierOnServer(db, job.conversationId, job.earlier)
      // No version to hold it to: the row must still end on the thread's last message, which pins what it waits on.
      const found = job.trusted ? unansweredFrom(job.messages, !job.earlier, job.at) : null
      if (found !== null) settleAwaiting(db, job.conversationId, found, null)
    }).immediate()
    return null
  },

  'awaiting-found': (db, job) =>
    db.transaction(() => job.found.filter((f) => settleAwaiting(db, f.conversationId, f.found, f.version)).map((f) => f.conversationId)).immediate(),

  'thread-earlier': (db, job, log) => {
    db.transaction(() => {
      upsertMessages(db, job.messages, { now: job.now, log })
      markEarlierOnServer(db, job.conversationId, job.earlier)
    }).immediate()
    return null
  },
}

/** Runs one job on this connection; throws what SQLite throws. */
function runWriteJob<K extends WriteKind>(db: Database, job: WriteJob<K>, log: Log): WriteResult<K> {
  return (handlers[job.kind] as (db: Database, job: WriteJob<K>, log: Log) => WriteResult<K>)(db, job, log)
}

/**
 * Runs jobs on one connection, keeping track of chains: jobs sent one after the other without
 * waiting (a bootstrap's slices) name the same chain, and once one of them failed the rest are
 * refused without running, so nothing after a failed slice (above all the cursor) is written.
 */
export class ChainedJobs {
  private readonly broken = new Set<number>()

  constructor(
    private readonly db: Database,
    private readonly log: Log,
  ) {}

  run<K extends WriteKind>(job: WriteJob<K>, chain: number | null): WriteResult<K> {
    return this.guarded(chain, () => runWriteJob(this.db, job, this.log))
  }

  /**
   * Several bootstrap slices of one chain in one transaction: one commit and one search-index
   * segment instead of several. (Not nested transactions: a savepoint per slice makes FTS5 flush
   * a segment at each, which cost more than it saved.) One failure undoes them all.
   */
  runSlices(jobs: readonly WriteJob<'bootstrap-slice'>[], chain: number | null): number[][] {
    return this.guarded(chain, () => this.db.transaction(() => jobs.map((job) => writeSlice(this.db, job, this.log))).immediate())
  }

  private guarded<T>(chain: number | null, write: () => T): T {
    if (chain !== null && this.broken.has(chain)) throw new Error('an earlier write of this sequence failed')
    try {
      return write()
    } catch (error) {
      if (chain !== null) this.broken.add(chain)
      throw error
    }
  }
}
