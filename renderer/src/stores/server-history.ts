/**
 * Older history: resolved conversations beyond the cache's window, asked from the server whenever
 * the All tab is searched (conversations:searchHistory), under the page's other filters.
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

/** `slow`: the server did not answer in time, though it is reached; offered again like an error. */
export type HistoryStatus = 'idle' | 'loading' | 'done' | 'offline' | 'slow' | 'error'

export const useServerHistoryStore = defineStore('serverHistory', () => {
  const status = ref<HistoryStatus>('idle')
  const rows = ref<Conversation[]>([])
  /** The server holds matches beyond those looked through (see the contract). */
  const more = ref(false)
  /** The filters the rows were asked for. */
  let asked: Filters | null = null
  let token = 0

  /** Asks the server for the search of these filters (nothing without a search long enough). */
  async function lookUp(filters: Filters): Promise<void> {
    const mine = ++token
    asked = filters
    const search = filters.search?.trim() ?? ''
    rows.value = []
    more.value = false
    if (search.length < HISTORY_MIN_CHARS) {
      status.value = 'idle'
      return
    }
    status.value = 'loading'
    try {
      const { search: _words, ...others } = filters
      const found = await call('conversations:searchHistory', { search, limit: HISTORY_LIMIT, filters: others })
      if (mine !== token) return
      rows.value = found.rows
      more.value = found.more === true
      status.value = 'done'
    } catch (failure) {
      if (mine !== token) return
      const code = errorCode(failure)
      status.value = code === 'offline' ? 'offline' : code === 'timeout' ? 'slow' : 'error'
    }
  }

  function retry(): Promise<void> {
    return asked ? lookUp(asked) : Promise.resolve()
  }

  function clear(): void {
    token += 1
    asked = null
    rows.value = []
    more.value = false
    status.value = 'idle'
  }

  return { status, rows, more, lookUp, retry, clear }
})
