import type { Database } from 'better-sqlite3'
import type { Conversation, Message } from '../../../shared/domain'
import type { ConversationDetail } from '../../../shared/ipc'
import { countConversations, getConversation, listConversations } from '../db/queries/conversations'
import { listThread } from '../db/queries/messages'
import { BackendError, isConnectivityError } from '../backend/errors'
import { decodeCursor, encodeCursor } from './cursor'
import { IpcFailure, type IpcHandlers } from './types'

export interface ConversationDeps {
  db: () => Database
  /** Fetches a thread into the cache. */
  loadThread: (conversationId: number) => Promise<void>
  /** Whether the sync currently reaches the backend; when not, loading fails fast. */
  isOffline: () => boolean
  /** Resolved history on the server (beyond the cache's window). */
  searchHistory: (query: string, limit: number) => Promise<Conversation[]>
  /** One conversation and its thread as the server holds them, left out of the cache. */
  fetchFromServer: (conversationId: number) => Promise<{ conversation: Conversation; messages: Message[] }>
}

const HISTORY_OFFLINE = 'older history needs a connection'

/**
 * Asks the backend on behalf of a request, in the words the page understands: no connection (known
 * beforehand or met on the way) is `offline` with the given message, and a conversation the server
 * does not have is `not_found`.
 */
async function askBackend<T>(deps: ConversationDeps, offline: string, id: number | null, work: () => Promise<T>): Promise<T> {
  if (deps.isOffline()) throw new IpcFailure('offline', offline)
  try {
    return await work()
  } catch (error) {
    if (isConnectivityError(error)) throw new IpcFailure('offline', offline)
    if (id !== null && error instanceof BackendError && error.kind === 'not_found') {
      throw new IpcFailure('not_found', `conversation ${id} is not on the server`)
    }
    throw error
  }
}

function detail(db: Database, id: number): ConversationDetail {
  const found = getConversation(db, id)
  if (!found) throw new IpcFailure('not_found', `conversation ${id} is not in the cache`)
  return { conversation: found.conversation, messages: listThread(db, id), messagesCached: found.messagesLoadedAt !== null }
}

/** Every answer comes from the cache; only loadMessages touches the network. */
export function conversationHandlers(
  deps: ConversationDeps,
): Pick<
  IpcHandlers,
  'conversations:list' | 'conversations:counts' | 'conversations:get' | 'conversations:loadMessages' | 'conversations:searchHistory' | 'conversations:getFromServer'
> {
  return {
    'conversations:list': ({ tab, sort, filters, cursor, limit }) => {
      const after = cursor === null ? null : decodeCursor(tab, sort, cursor)
      const page = listConversations(deps.db(), { tab, sort, filters, limit, after })
      return { rows: page.rows, nextCursor: page.next ? encodeCursor(tab, sort, page.next) : null }
    },
    'conversations:counts': ({ filters }) => countConversations(deps.db(), filters),
    'conversations:get': ({ id }) => detail(deps.db(), id),
    'conversations:loadMessages': async ({ id }) => {
      if (!getConversation(deps.db(), id)) throw new IpcFailure('not_found', `conversation ${id} is not in the cache`)
      await askBackend(deps, 'the thread cannot be loaded while offline', id, () => deps.loadThread(id))
      return detail(deps.db(), id)
    },
    'conversations:searchHistory': async ({ search, limit }) => {
      const found = await askBackend(deps, HISTORY_OFFLINE, null, () => deps.searchHistory(search, limit))
      const db = deps.db()
      return { rows: found.filter((c) => getConversation(db, c.id) === null), source: 'server' as const }
    },
    'conversations:getFromServer': async ({ id }) => ({
      ...(await askBackend(deps, HISTORY_OFFLINE, id, () => deps.fetchFromServer(id))),
      messagesCached: false,
    }),
  }
}
