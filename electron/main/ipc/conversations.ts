import type { Database } from 'better-sqlite3'
import type { Conversation } from '../../../shared/domain'
import { THREAD_WINDOW_MAX, type CachedConversation, type ConversationDetail } from '../../../shared/ipc'
import { passesFilters } from '../../../shared/ipc/passes-filters'
import type { SearchCursor, SearchHistoryPage, ThreadSlice } from '../backend/backend'
import { countConversations, getConversation, listConversations } from '../db/queries/conversations'
import { countFrom, hasOlder, listBefore, listNewer, listThread, oldestMessageId, reachOfSearch, type ThreadWindow } from '../db/queries/messages'
import { BackendError, isConnectivityError, isTimedOut } from '../backend/errors'
import { markUnclearMessage } from '../db/unclear-message-times'
import { markUnclearTimes } from '../db/unclear-times'
import { decodeCursor, encodeCursor } from './cursor'
import { IpcFailure, type IpcHandlers } from './types'

export interface ConversationDeps {
  db: () => Database
  /** Fetches a thread's newest messages into the cache. */
  loadThread: (conversationId: number) => Promise<void>
  /** Fetches a thread's messages older than the message `before` into the cache. */
  loadEarlierMessages: (conversationId: number, before: number) => Promise<void>
  /** Whether the sync currently reaches the backend; when not, loading fails fast. */
  isOffline: () => boolean
  /** A page of resolved history on the server (beyond the cache's window), from its start or on from `after`. */
  searchHistory: (query: string, limit: number, after: SearchCursor | null) => Promise<SearchHistoryPage>
  /** One conversation and its thread as the server holds them, left out of the cache. */
  fetchFromServer: (conversationId: number) => Promise<{ conversation: Conversation; thread: ThreadSlice }>
  /** The server's clock (ServerClock), by which a time read from the server is judged (unclear-times.ts). */
  now: () => number
}

const HISTORY_OFFLINE = 'older history needs a connection'
const THREAD_OFFLINE = 'the thread cannot be loaded while offline'
/** A page of older history read from the server: the most its search answers at once. */
const HISTORY_READ = 200
/**
 * How many of those pages one search reads at most to fill its page under the other filters: a
 * filter that few of a common word's matches pass would otherwise read the server's whole history.
 */
const HISTORY_MAX_READS = 5

/**
 * Asks the backend on behalf of a request, in the words the page understands: no connection (known
 * beforehand or met on the way) is `offline` with the given message, a server that did not answer
 * in time while the sync still reaches it is `timeout`, one that answered with an error of its own
 * is `server_error`, and a conversation the server does not have
 * is `not_found`.
 */
async function askBackend<T>(deps: ConversationDeps, offline: string, id: number | null, work: () => Promise<T>): Promise<T> {
  if (deps.isOffline()) throw new IpcFailure('offline', offline)
  try {
    return await work()
  } catch (error) {
    // A timeout alone cannot tell a slow server from one gone (connecting can time out too): the
    // sync's state says which. "Needs a connection" under an indicator saying Online was false.
    if (isTimedOut(error) && !deps.isOffline()) throw new IpcFailure('timeout', `the server did not answer in time: ${error.message}`)
    // Likewise a server that answered with an error of its own: it is there, so asking again may work.
    if (error instanceof BackendError && error.kind === 'server' && !deps.isOffline()) throw new IpcFailure('server_error', `the server failed to answer: ${error.message}`)
    if (isConnectivityError(error)) throw new IpcFailure('offline', offline)
    if (id !== null && error instanceof BackendError && error.kind === 'not_found') {
      throw new IpcFailure('not_found', `conversation ${id} is not on the server`)
    }
    throw error
  }
}

/** Some messages before the one a search reached: centred on it, the thread shows what led to it too. */
const REACH_AFTER = 20

/** What the page holds of a thread: `held` messages, the newest of them `after`. */
interface Held {
  after: number
  held: number
}

function detail(db: Database, id: number, newest: number, reach?: string, keepFrom?: number, held?: Held): ConversationDetail {
  const found = getConversation(db, id)
  if (!found) throw new IpcFailure('not_found', `conversation ${id} is not in the cache`)
  const reached = reach === undefined ? null : reachOfSearch(db, id, reach, THREAD_WINDOW_MAX)
  const kept = keepFrom === undefined ? null : countFrom(db, id, keepFrom)
  const earlierOnServer = (earlierCached: boolean) => (earlierCached ? 'cached' : found.earlierOnServer ? 'server' : 'none')
  if (held !== undefined && reached === null && kept !== null && keepFrom !== undefined) {
    const newer = newerThanHeld(db, id, newest, kept, keepFrom, held)
    if (newer !== null) {
      const { messages, earlierCached, drop } = newer
      return {
        conversation: found.conversation,
        messages,
        messagesCached: found.messagesLoadedAt !== null,
        earlierMessages: earlierOnServer(earlierCached),
        after: held.after,
        ...(drop > 0 ? { drop } : {}),
      }
    }
  }
  const window = Math.max(newest, reached === null ? 0 : reached + REACH_AFTER, kept ?? 0)
  const thread = listThread(db, id, Math.min(THREAD_WINDOW_MAX, window))
  return {
    conversation: found.conversation,
    messages: thread.messages,
    messagesCached: found.messagesLoadedAt !== null,
    earlierMessages: earlierOnServer(thread.earlierCached),
  }
}

/**
 * The `newest` messages older than the page's oldest, `before`: a press of "Show earlier messages"
 * then costs the same however far back the supervisor has read.
 */
function earlierPage(db: Database, id: number, newest: number, before: number): ConversationDetail {
  const found = getConversation(db, id)
  if (!found) throw new IpcFailure('not_found', `conversation ${id} is not in the cache`)
  // Messages leave the cache only with their conversation: one not there was never the thread's.
  if (countFrom(db, id, before) === null) throw new IpcFailure('not_found', `message ${before} is not in conversation ${id}`)
  const { messages, earlierCached } = listBefore(db, id, before, newest)
  const earlierMessages = earlierCached ? 'cached' : found.earlierOnServer ? 'server' : 'none'
  return { conversation: found.conversation, messages, messagesCached: found.messagesLoadedAt !== null, earlierMessages, before }
}

/**
 * Only the messages newer than those the page holds, when a whole read would bring the same window:
 * what it holds is still every message from `keepFrom` to its newest (nothing came in between, as
 * a fetch after a gap can bring), and the window is no shorter than `newest` while earlier messages
 * are cached. Past the cap, `drop` says how many of its oldest the page lets go of, as the whole
 * read would: while it keeps some of them. Null when the whole window must be read.
 */
function newerThanHeld(db: Database, id: number, newest: number, kept: number, keepFrom: number, held: Held): (ThreadWindow & { drop: number }) | null {
  const fromAfter = countFrom(db, id, held.after)
  if (fromAfter === null || kept - (fromAfter - 1) !== held.held) return null
  const drop = Math.max(0, kept - THREAD_WINDOW_MAX)
  if (drop >= held.held) return null
  const earlierCached = drop > 0 || hasOlder(db, id, keepFrom)
  if (kept < newest && earlierCached) return null
  return { messages: fromAfter === 1 ? [] : listNewer(db, id, held.after), earlierCached, drop }
}

/** Every answer comes from the cache; only loadMessages touches the network. */
export function conversationHandlers(
  deps: ConversationDeps,
): Pick<
  IpcHandlers,
  'conversations:list' | 'conversations:counts' | 'conversations:get' | 'conversations:loadMessages' | 'conversations:loadEarlierMessages' | 'conversations:searchHistory' | 'conversations:getFromServer'
> {
  return {
    'conversations:list': ({ tab, sort, filters, cursor, limit }) => {
      const after = cursor === null ? null : decodeCursor(tab, sort, cursor)
      const page = listConversations(deps.db(), { tab, sort, filters, limit, after })
      return { rows: page.rows, nextCursor: page.next ? encodeCursor(tab, sort, page.next) : null }
    },
    'conversations:counts': ({ filters }) => countConversations(deps.db(), filters),
    'conversations:get': ({ id, newest, reach, keepFrom, held, before }) =>
      before === undefined ? detail(deps.db(), id, newest, reach, keepFrom, held) : earlierPage(deps.db(), id, newest, before),
    'conversations:loadMessages': async ({ id, newest, reach }) => {
      if (!getConversation(deps.db(), id)) throw new IpcFailure('not_found', `conversation ${id} is not in the cache`)
      await askBackend(deps, THREAD_OFFLINE, id, () => deps.loadThread(id))
      return detail(deps.db(), id, newest, reach)
    },
    'conversations:loadEarlierMessages': async ({ id, newest, before }) => {
      if (!getConversation(deps.db(), id)) throw new IpcFailure('not_found', `conversation ${id} is not in the cache`)
      const oldest = oldestMessageId(deps.db(), id)
      await askBackend(deps, THREAD_OFFLINE, id, () => (oldest === null ? deps.loadThread(id) : deps.loadEarlierMessages(id, oldest)))
      return before === undefined ? detail(deps.db(), id, newest) : earlierPage(deps.db(), id, newest, before)
    },
    'conversations:searchHistory': async ({ search, limit, filters }) => {
      // The server matches the words only: the newest matches, filtered here, could leave a few
      // rows or none of many that pass. It reads on until the page is full.
      const rows: CachedConversation[] = []
      let after: SearchCursor | null = null
      for (let reads = 0; reads < HISTORY_MAX_READS; reads++) {
        const page = await askBackend(deps, HISTORY_OFFLINE, null, () => deps.searchHistory(search, HISTORY_READ, after))
        const db = deps.db()
        const now = deps.now()
        rows.push(...page.items.filter((c) => passesFilters(c, filters) && getConversation(db, c.id) === null).map((c) => markUnclearTimes(c, now)))
        after = page.next
        if (after === null || rows.length >= limit) break
      }
      return { rows: rows.slice(0, limit), source: 'server' as const, more: after !== null }
    },
    'conversations:getFromServer': async ({ id }) => {
      const { conversation, thread } = await askBackend(deps, HISTORY_OFFLINE, id, () => deps.fetchFromServer(id))
      const now = deps.now()
      return {
        conversation: markUnclearTimes(conversation, now),
        messages: thread.messages.map((m) => markUnclearMessage(m, now)),
        messagesCached: false,
        earlierMessages: thread.earlier ? 'server' : 'none',
      }
    },
  }
}
