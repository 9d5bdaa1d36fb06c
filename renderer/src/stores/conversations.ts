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
 *
 * End (and Home) go to the tab's last (first) row however far it is: a window can also be read
 * from the tab's end, in the opposite order, whose first page is the tab's last. Such a window
 * pages the same way, mirrored; a queue of 100,000 rows is never paged through to reach its end.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { Conversation } from '@shared/domain'
import { TAB_KEYS, type Filters, type Tab } from '@shared/ipc/contract'
import { DEFAULT_SORT, oppositeSort, type Sort } from '@shared/ipc/conversation-sort'
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
  /** Position in the whole tab of records[0] (0-based), when the window was read from the tab's start. */
  base: number
  /**
   * Rows of the tab after the window's last one, when the window was read from the tab's end (End);
   * null when it was read from the start. Positions from the start then follow from the tab's count.
   */
  fromEnd: number | null
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

/** One page as read: from the tab's start, or (in a pager read from its end) from its end, backwards. */
interface Chunk {
  /** Page number from where the pager reads: rows page*PAGE_SIZE onwards. */
  page: number
  rows: Conversation[]
  next: string | null
}

interface Pager {
  /** In reading order: page numbers rising, away from the start (or, read from the end, from the end). */
  chunks: Chunk[]
  /** The cursor that reads page k (k = 0: null). Remembered for every page ever read. */
  pageCursors: Map<number, string | null>
  /** Read from the tab's end, in the opposite order: shown reversed. */
  fromEnd: boolean
}

const emptyList = (): ConversationList => ({
  records: [],
  base: 0,
  fromEnd: null,
  cursor: null,
  hasMore: true,
  hasBefore: false,
  isFetching: false,
  error: null,
  loaded: false,
  stale: false,
})

const emptyPager = (fromEnd = false): Pager => ({ chunks: [], pageCursors: new Map([[0, null]]), fromEnd })

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

  function readPage(tab: Tab, cursor: string | null, fromEnd = pagers[tab].fromEnd): Promise<{ rows: Conversation[]; nextCursor: string | null }> {
    const sort = fromEnd ? oppositeSort(sorts.value[tab]) : sorts.value[tab]
    return call('conversations:list', { tab, sort, filters: filters.value, cursor, limit: PAGE_SIZE })
  }

  /** Publishes the pager's chunks as the list's window (a pager read from the end, reversed). */
  function publish(tab: Tab): void {
    const { chunks, fromEnd } = pagers[tab]
    const list = lists[tab]
    const seen = new Set<number>()
    const read: Conversation[] = []
    // A row that moved between two reads can appear in two pages: show it once.
    for (const chunk of chunks) {
      for (const row of chunk.rows) {
        if (seen.has(row.id)) continue
        seen.add(row.id)
        read.push(row)
      }
    }
    const first = chunks[0]
    const last = chunks.at(-1)
    // Towards where the pager reads on, and back towards where it started.
    const readsOn = last ? last.next !== null : true
    const startBehind = !!first && first.page > 0
    list.records = fromEnd ? read.reverse() : read
    list.base = fromEnd || !first ? 0 : first.page * PAGE_SIZE
    list.fromEnd = fromEnd ? (first?.page ?? 0) * PAGE_SIZE : null
    list.cursor = fromEnd ? null : (last?.next ?? null)
    list.hasMore = fromEnd ? startBehind : readsOn
    list.hasBefore = fromEnd ? readsOn : startBehind
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

  /** Reads a tab's window anew from its start, or (`fromEnd`) from its end. */
  function loadEdge(tab: Tab, fromEnd: boolean): Promise<void> {
    return run(tab, async () => {
      const page = await readPage(tab, null, fromEnd)
      return () => {
        pagers[tab] = { ...emptyPager(fromEnd), chunks: [{ page: 0, rows: page.rows, next: page.nextCursor }] }
        pagers[tab].pageCursors.set(1, page.nextCursor)
        publish(tab)
      }
    })
  }

  function loadFirst(tab: Tab = activeTab.value): Promise<void> {
    return loadEdge(tab, false)
  }

  /** The tab's last rows (End): a window read from the end, without paging through what comes before. */
  function loadLast(tab: Tab = activeTab.value): Promise<void> {
    return loadEdge(tab, true)
  }

  /** Reads the page after the pager's last; drops its first page when the window grows too long. */
  function readOn(tab: Tab): Promise<void> {
    const list = lists[tab]
    const last = pagers[tab].chunks.at(-1)
    if (list.isFetching || !list.loaded || !last?.next) return Promise.resolve()
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

  /** Reads the page before the pager's first again; drops its last page when the window grows too long. */
  function readBack(tab: Tab): Promise<void> {
    const list = lists[tab]
    const first = pagers[tab].chunks[0]
    if (list.isFetching || !first || first.page === 0) return Promise.resolve()
    const number = first.page - 1
    const cursor = pagers[tab].pageCursors.get(number)
    // Page boundaries are remembered for every page read, so this only misses after a reset.
    if (cursor === undefined) return loadEdge(tab, pagers[tab].fromEnd)
    return run(tab, async () => {
      const page = await readPage(tab, cursor)
      return () => {
        const pager = pagers[tab]
        pager.chunks = [{ page: number, rows: page.rows, next: page.nextCursor }, ...pager.chunks].slice(0, WINDOW_PAGES)
        publish(tab)
      }
    })
  }

  /** The rows after the window (for a window read from the end, nearer the end again). */
  function loadMore(tab: Tab = activeTab.value): Promise<void> {
    return pagers[tab].fromEnd ? readBack(tab) : readOn(tab)
  }

  /** The rows before the window (for a window read from the end, read on towards the start). */
  function loadBefore(tab: Tab = activeTab.value): Promise<void> {
    return pagers[tab].fromEnd ? readOn(tab) : readBack(tab)
  }

  /** Re-reads every page of the window in place, from the cursor of its first page as read. */
  function reread(tab: Tab): Promise<void> {
    const { chunks: old, fromEnd } = pagers[tab]
    if (old.length === 0) return loadEdge(tab, fromEnd)
    const firstPage = old[0]!.page
    const start = pagers[tab].pageCursors.get(firstPage)
    if (start === undefined) return loadEdge(tab, fromEnd)
    return run(tab, async () => {
      const chunks: Chunk[] = []
      let cursor: string | null = start
      for (let i = 0; i < old.length; i++) {
        const page: { rows: Conversation[]; nextCursor: string | null } = await readPage(tab, cursor, fromEnd)
        chunks.push({ page: firstPage + i, rows: page.rows, next: page.nextCursor })
        cursor = page.nextCursor
        if (cursor === null) break
      }
      return () => {
        const pager = pagers[tab]
        // A pager started over meanwhile (End, Home) took a newer token: this one is dropped before here.
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
    loadLast,
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
