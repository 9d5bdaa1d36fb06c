/**
 * The conversation list of each tab, paged by keyset cursor from the local cache.
 *
 * Each list keeps its own flags. Every request takes a fresh token for its tab; a reply whose token
 * is no longer current (a refresh overtook a page, the list was reset) is dropped, so a slow old
 * answer can never overwrite a newer one. 'cache:changed' events are coalesced into one refresh.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { Conversation } from '@shared/domain'
import { TAB_KEYS, type Filters, type Tab } from '@shared/ipc/contract'
import { call, subscribe } from '@renderer/api/client'
import { errorCode } from './errors'

export const PAGE_SIZE = 50
/** A refresh re-reads everything shown, up to the contract's page limit. */
const MAX_REFRESH = 500
/** Events arriving within this window cause one refresh. */
export const REFRESH_COALESCE_MS = 120

export interface ConversationList {
  records: Conversation[]
  cursor: string | null
  hasMore: boolean
  isFetching: boolean
  /** Error code of the last failed request, null when it succeeded. */
  error: string | null
  /** Loaded at least once. */
  loaded: boolean
  /** The cache changed while this tab was not shown; reload when it is. */
  stale: boolean
}

const emptyList = (): ConversationList => ({
  records: [],
  cursor: null,
  hasMore: true,
  isFetching: false,
  error: null,
  loaded: false,
  stale: false,
})

export const useConversationsStore = defineStore('conversations', () => {
  const activeTab = ref<Tab>('all')
  const filters = ref<Filters>({})
  const lists = reactive({ all: emptyList(), in_queue: emptyList(), handled: emptyList() }) as Record<Tab, ConversationList>
  const tokens: Record<Tab, number> = { all: 0, in_queue: 0, handled: 0 }
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let unsubscribe: (() => void) | null = null

  async function fetchPage(tab: Tab, mode: 'first' | 'more' | 'refresh'): Promise<void> {
    const list = lists[tab]
    const token = ++tokens[tab]
    list.isFetching = true
    const limit = mode === 'refresh' ? Math.min(MAX_REFRESH, Math.max(PAGE_SIZE, list.records.length)) : PAGE_SIZE
    try {
      const page = await call('conversations:list', {
        tab,
        filters: filters.value,
        cursor: mode === 'more' ? list.cursor : null,
        limit,
      })
      if (token !== tokens[tab]) return
      list.records = mode === 'more' ? appendUnique(list.records, page.rows) : page.rows
      list.cursor = page.nextCursor
      list.hasMore = page.nextCursor !== null
      list.error = null
      list.loaded = true
      list.stale = false
    } catch (error) {
      if (token !== tokens[tab]) return
      list.error = errorCode(error)
    } finally {
      if (token === tokens[tab]) list.isFetching = false
    }
  }

  /** Shows a tab, loading it when it was never loaded or went stale. */
  function setTab(tab: Tab): Promise<void> {
    activeTab.value = tab
    const list = lists[tab]
    if (!list.loaded) return fetchPage(tab, 'first')
    if (list.stale) return fetchPage(tab, 'refresh')
    return Promise.resolve()
  }

  function loadFirst(tab: Tab = activeTab.value): Promise<void> {
    return fetchPage(tab, 'first')
  }

  function loadMore(tab: Tab = activeTab.value): Promise<void> {
    const list = lists[tab]
    if (list.isFetching || !list.hasMore || !list.loaded) return Promise.resolve()
    return fetchPage(tab, 'more')
  }

  /** Re-reads the shown tab in place; the others are marked stale and reload when shown. */
  function refresh(): Promise<void> {
    for (const tab of TAB_KEYS) if (tab !== activeTab.value && lists[tab].loaded) lists[tab].stale = true
    return fetchPage(activeTab.value, lists[activeTab.value].loaded ? 'refresh' : 'first')
  }

  function scheduleRefresh(): void {
    if (refreshTimer) return
    refreshTimer = setTimeout(() => {
      refreshTimer = null
      void refresh()
    }, REFRESH_COALESCE_MS)
  }

  function setFilters(next: Filters): Promise<void> {
    filters.value = next
    for (const tab of TAB_KEYS) {
      tokens[tab] += 1
      Object.assign(lists[tab], emptyList())
    }
    return fetchPage(activeTab.value, 'first')
  }

  /** Starts listening to cache changes; safe to call more than once. */
  function start(): void {
    unsubscribe ??= subscribe('cache:changed', () => scheduleRefresh())
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    if (refreshTimer) clearTimeout(refreshTimer)
    refreshTimer = null
  }

  return { activeTab, filters, lists, setTab, loadFirst, loadMore, refresh, scheduleRefresh, setFilters, start, stop }
})

function appendUnique(existing: Conversation[], more: Conversation[]): Conversation[] {
  const seen = new Set(existing.map((c) => c.id))
  return existing.concat(more.filter((c) => !seen.has(c.id)))
}
