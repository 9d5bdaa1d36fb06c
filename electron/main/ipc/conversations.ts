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
      if (deps.isOffline()) throw new IpcFailure('offline', 'the thread cannot be loaded while offline')
      try {
        await deps.loadThread(id)
      } catch (error) {
        if (isConnectivityError(error)) throw new IpcFailure('offline', 'the thread cannot be loaded while offline')
        if (error instanceof BackendError && error.kind === 'not_found') {
          throw new IpcFailure('not_found', `conversation ${id} is not on the server`)
        }
        throw error
      }
      return detail(deps.db(), id)
    },
    'conversations:searchHistory': async ({ search, limit }) => {
      if (deps.isOffline()) throw new IpcFailure('offline', HISTORY_OFFLINE)
      let found: Conversation[]
      try {
        found = await deps.searchHistory(search, limit)
      } catch (error) {
        if (isConnectivityError(error)) throw new IpcFailure('offline', HISTORY_OFFLINE)
        throw error
      }
      const db = deps.db()
      return { rows: found.filter((c) => getConversation(db, c.id) === null), source: 'server' as const }
    },
    'conversations:getFromServer': async ({ id }) => {
      if (deps.isOffline()) throw new IpcFailure('offline', HISTORY_OFFLINE)
      try {
        return { ...(await deps.fetchFromServer(id)), messagesCached: false }
      } catch (error) {
        if (isConnectivityError(error)) throw new IpcFailure('offline', HISTORY_OFFLINE)
        if (error instanceof BackendError && error.kind === 'not_found') throw new IpcFailure('not_found', `conversation ${id} is not on the server`)
        throw error
      }
    },
  }
}
