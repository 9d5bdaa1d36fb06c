/**
 * The conversation list of each tab: a window of keyset pages over the local cache.
 *
 * A tab can hold a million rows, so the list never holds them all. It keeps a window of at most
 * WINDOW_PAGES pages; reading on past its end drops pages from its start, and scrolling back up
 * re-reads earlier pages from the cursors remembered at every page boundary. Every row stays
 * reachable by keyset queries alone, and the page never needs a scroll area taller than the
 * window (Chromium caps element height near 33.5 million px).
 *
 * Each list keeps its own flags. Every request takes a fresh token for its tab; a reply whose token
 * is no longer current (a refresh overtook a page, the filters changed) is dropped, so a slow old
 * answer can never overwrite a newer one. 'cache:changed' events are coalesced into one refresh.
 *
 * Each tab has its own order; changing it starts that tab's window over from the top, since the
 * cursors of one order mean nothing in another (the core refuses them).
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { Conversation } from '@shared/domain'
import { TAB_KEYS, type Filters, type Tab } from '@shared/ipc/contract'
import { DEFAULT_SORT, type Sort } from '@shared/ipc/conversation-sort'
import { call, subscribe } from '@renderer/api/client'
import { errorCode } from './errors'

export const PAGE_SIZE = 100
/** Pages kept at once: 1,000 rows, about 52,000 px of scroll height. */
export const WINDOW_PAGES = 10
/** Events arriving within this window cause one refresh. */
export const REFRESH_COALESCE_MS = 120

export interface ConversationList {
  /** The rows of the window, in the tab's order. */
  records: Conversation[]
  /** Position in the whole tab of records[0] (0-based). */
  base: number
  /** Cursor right after the window's last row; null at the end of the tab. */
  cursor: string | null
  hasMore: boolean
  /** Rows before the window exist (it was scrolled past them and they were dropped). */
  hasBefore: boolean
  isFetching: boolean
  /** Error code of the last failed request, null when it succeeded. */
  error: string | null
  /** Loaded at least once. */
  loaded: boolean
  /** The cache changed while this tab was not shown; reload when it is. */
  stale: boolean
}

interface Chunk {
  /** Page number in the tab: rows page*PAGE_SIZE onwards. */
  page: number
  rows: Conversation[]
  next: string | null
}

interface Pager {
  chunks: Chunk[]
  /** The cursor that reads page k (k = 0: null). Remembered for every page ever read. */
  pageCursors: Map<number, string | null>
}

const emptyList = (): ConversationList => ({
  records: [],
  base: 0,
  cursor: null,
  hasMore: true,
  hasBefore: false,
  isFetching: false,
  error: null,
  loaded: false,
  stale: false,
})

const emptyPager = (): Pager => ({ chunks: [], pageCursors: new Map([[0, null]]) })

export const useConversationsStore = defineStore('conversations', () => {
  const activeTab = ref<Tab>('all')
  /** Queued rows are picked for a bulk assignment where they are shown: not on Handled. */
  const picksQueued = computed(() => activeTab.value !== 'handled')
  const filters = ref<Filters>({})
  const sorts = ref<Record<Tab, Sort>>({ ...DEFAULT_SORT })
  const lists = reactive({ all: emptyList(), in_queue: emptyList(), handled: emptyList() }) as Record<Tab, ConversationList>
  const pagers: Record<Tab, Pager> = { all: emptyPager(), in_queue: emptyPager(), handled: emptyPager() }
  const tokens: Record<Tab, number> = { all: 0, in_queue: 0, handled: 0 }
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let unsubscribe: (() => void) | null = null

  function readPage(tab: Tab, cursor: string | null): Promise<{ rows: Conversation[]; nextCursor: string | null }> {
    return call('conversations:list', { tab, sort: sorts.value[tab], filters: filters.value, cursor, limit: PAGE_SIZE })
  }

  /** Publishes the pager's chunks as the list's window. */
  function publish(tab: Tab): void {
    const { chunks } = pagers[tab]
    const list = lists[tab]
    const seen = new Set<number>()
    const records: Conversation[] = []
    // A row that moved between two reads can appear in two pages: show it once.
    for (const chunk of chunks) {
      for (const row of chunk.rows) {
        if (seen.has(row.id)) continue
        seen.add(row.id)
        records.push(row)
      }
    }
    const first = chunks[0]
    const last = chunks.at(-1)
    list.records = records
    list.base = first ? first.page * PAGE_SIZE : 0
    list.cursor = last?.next ?? null
    list.hasMore = last ? last.next !== null : true
    list.hasBefore = !!first && first.page > 0
    list.error = null
    list.loaded = true
    list.stale = false
  }

  /** Runs one read for a tab under a fresh token; `apply` runs only if nothing overtook it. */
  async function run(tab: Tab, read: () => Promise<(() => void) | null>): Promise<void> {
    const list = lists[tab]
    const token = ++tokens[tab]
    list.isFetching = true
    try {
      const apply = await read()
      if (token !== tokens[tab]) return
      apply?.()
    } catch (error) {
      if (token !== tokens[tab]) return
      list.error = errorCode(error)
    } finally {
      if (token === tokens[tab]) list.isFetching = false
    }
  }

  function loadFirst(tab: Tab = activeTab.value): Promise<void> {
    return run(tab, async () => {
      const page = await readPage(tab, null)
      return () => {
        pagers[tab] = { chunks: [{ page: 0, rows: page.rows, next: page.nextCursor }], pageCursors: new Map([[0, null]]) }
        pagers[tab].pageCursors.set(1, page.nextCursor)
        publish(tab)
      }
    })
  }

  /** Reads the page after the window; drops the window's first page when it grows too long. */
  function loadMore(tab: Tab = activeTab.value): Promise<void> {
    const list = lists[tab]
    if (list.isFetching || !list.hasMore || !list.loaded) return Promise.resolve()
    const last = pagers[tab].chunks.at(-1)
    if (!last?.next) return Promise.resolve()
    const cursor = last.next
    return run(tab, async () => {
      const page = await readPage(tab, cursor)
      return () => {
        const pager = pagers[tab]
        const number = last.page + 1
        pager.pageCursors.set(number + 1, page.nextCursor)
        pager.chunks = [...pager.chunks, { page: number, rows: page.rows, next: page.nextCursor }].slice(-WINDOW_PAGES)
        publish(tab)
      }
    })
  }

  /** Reads the page before the window again; drops the window's last page when it grows too long. */
  function loadBefore(tab: Tab = activeTab.value): Promise<void> {
    const list = lists[tab]
    const first = pagers[tab].chunks[0]
    if (list.isFetching || !first || first.page === 0) return Promise.resolve()
    const number = first.page - 1
    const cursor = pagers[tab].pageCursors.get(number)
    // Page boundaries are remembered for every page read, so this only misses after a reset.
    if (cursor === undefined) return loadFirst(tab)
    return run(tab, async () => {
      const page = await readPage(tab, cursor)
      return () => {
        const pager = pagers[tab]
        pager.chunks = [{ page: number, rows: page.rows, next: page.nextCursor }, ...pager.chunks].slice(0, WINDOW_PAGES)
        publish(tab)
      }
    })
  }

  /** Re-reads every page of the window in place, from the cursor of its first page. */
  function reread(tab: Tab): Promise<void> {
    const old = pagers[tab].chunks
    if (old.length === 0) return loadFirst(tab)
    const firstPage = old[0]!.page
    const start = pagers[tab].pageCursors.get(firstPage)
    if (start === undefined) return loadFirst(tab)
    return run(tab, async () => {
      const chunks: Chunk[] = []
      let cursor: string | null = start
      for (let i = 0; i < old.length; i++) {
        const page: { rows: Conversation[]; nextCursor: string | null } = await readPage(tab, cursor)
        chunks.push({ page: firstPage + i, rows: page.rows, next: page.nextCursor })
        cursor = page.nextCursor
        if (cursor === null) break
      }
      return () => {
        const pager = pagers[tab]
        for (const chunk of chunks) pager.pageCursors.set(chunk.page + 1, chunk.next)
        pager.chunks = chunks
        publish(tab)
      }
    })
  }

  /** Shows a tab, loading it when it was never loaded or went stale. */
  function setTab(tab: Tab): Promise<void> {
    activeTab.value = tab
    const list = lists[tab]
    if (!list.loaded) return loadFirst(tab)
    if (list.stale) return reread(tab)
    return Promise.resolve()
  }

  /** Re-reads the shown tab in place; the others are marked stale and reload when shown. */
  function refresh(): Promise<void> {
    for (const tab of TAB_KEYS) if (tab !== activeTab.value && lists[tab].loaded) lists[tab].stale = true
    return lists[activeTab.value].loaded ? reread(activeTab.value) : loadFirst(activeTab.value)
  }

  function scheduleRefresh(): void {
    if (refreshTimer) return
    refreshTimer = setTimeout(() => {
      refreshTimer = null
      void refresh()
    }, REFRESH_COALESCE_MS)
  }

  /** Forgets a tab's window and drops any read still under way for it. */
  function reset(tab: Tab): void {
    tokens[tab] += 1
    pagers[tab] = emptyPager()
    Object.assign(lists[tab], emptyList())
  }

  function setFilters(next: Filters): Promise<void> {
    filters.value = next
    for (const tab of TAB_KEYS) reset(tab)
    return loadFirst(activeTab.value)
  }

  /** Orders a tab anew: its window starts over from the first page (now, if it is shown). */
  function setSort(tab: Tab, sort: Sort): Promise<void> {
    if (sorts.value[tab] === sort) return Promise.resolve()
    sorts.value = { ...sorts.value, [tab]: sort }
    reset(tab)
    return tab === activeTab.value ? loadFirst(tab) : Promise.resolve()
  }

  /** Starts listening to cache changes, and to notices that ask for the queue; safe to call more than once. */
  function start(): void {
    if (unsubscribe) return
    const offCache = subscribe('cache:changed', () => scheduleRefresh())
    const offQueue = subscribe('app:openQueue', () => void setTab('in_queue'))
    unsubscribe = () => {
      offCache()
      offQueue()
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    if (refreshTimer) clearTimeout(refreshTimer)
    refreshTimer = null
  }

  return {
    activeTab,
    picksQueued,
    filters,
    sorts,
    lists,
    setTab,
    loadFirst,
    loadMore,
    loadBefore,
    refresh,
    scheduleRefresh,
    setFilters,
    setSort,
    start,
    stop,
  }
})
