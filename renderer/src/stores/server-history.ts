/**
 * Older history: resolved conversations beyond the cache's window, asked from the server whenever
 * the All tab is searched (conversations:searchHistory). The server matches only the words, so the
 * page's other filters are applied here, to the few rows it returns.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Conversation } from '@shared/domain'
import type { Filters } from '@shared/ipc/contract'
import { call } from '@renderer/api/client'
import { errorCode } from './errors'

/** The server refuses shorter searches; one letter would match half its history anyway. */
export const HISTORY_MIN_CHARS = 2
/** At most this many older conversations are shown under the cached ones. */
export const HISTORY_LIMIT = 50

export type HistoryStatus = 'idle' | 'loading' | 'done' | 'offline' | 'error'

/** Whether a conversation passes the page's filters other than the search. */
export function passesFilters(c: Conversation, f: Filters): boolean {
  if (f.type && c.type !== f.type) return false
  if (f.channels?.length && !f.channels.includes(c.channel)) return false
  if (f.labelIds?.length && !c.labelIds.some((id) => f.labelIds!.includes(id))) return false
  if (f.agentIds?.length && (c.lastAgentId === null || !f.agentIds.includes(c.lastAgentId))) return false
  if (f.from !== undefined && c.createdAt < f.from) return false
  if (f.to !== undefined && c.createdAt >= f.to) return false
  return true
}

export const useServerHistoryStore = defineStore('serverHistory', () => {
  const status = ref<HistoryStatus>('idle')
  const rows = ref<Conversation[]>([])
  /** The filters the rows were asked for. */
  let asked: Filters | null = null
  let token = 0

  /** Asks the server for the search of these filters (nothing without a search long enough). */
  async function lookUp(filters: Filters): Promise<void> {
    const mine = ++token
    asked = filters
    const search = filters.search?.trim() ?? ''
    rows.value = []
    if (search.length < HISTORY_MIN_CHARS) {
      status.value = 'idle'
      return
    }
    status.value = 'loading'
    try {
      const found = await call('conversations:searchHistory', { search, limit: HISTORY_LIMIT })
      if (mine !== token) return
      rows.value = found.rows.filter((c) => passesFilters(c, filters))
      status.value = 'done'
    } catch (failure) {
      if (mine !== token) return
      status.value = errorCode(failure) === 'offline' ? 'offline' : 'error'
    }
  }

  function retry(): Promise<void> {
    return asked ? lookUp(asked) : Promise.resolve()
  }

  function clear(): void {
    token += 1
    asked = null
    rows.value = []
    status.value = 'idle'
  }

  return { status, rows, lookUp, retry, clear }
})
