/**
 * The conversation list of each tab: a window of keyset pages over the local cache.
 *
 * A tab can hold a million rows, so the list never holds them all. It keeps a window of at most
 * WINDOW_PAGES pages; reading on past its end drops pages from its start, and scrolling back up
 * re-reads earlier pages from the cursors remembered at every page boundary. Every row stays
 * reachable by keyset queries alone, and the page never needs a scroll area taller than the
 * window (Chromium caps element height near 33.5 million px).
 *
 * Each list keeps its own flags. A window started over (the filters or the order changed, Home, End)
 * takes a fresh token for its tab, and a reply read for an older one is dropped, so a slow old
 * answer can never overwrite a newer one. 'cache:changed' events are coalesced into one refresh,
 * which re-reads the window in place; a newer refresh overtakes an older one.
 *
 * A refresh re-reads every page of the window one after another, ten round trips, and live changes
 * (or the core's lookups of waits) ask for one every second or so. Reading on or back goes on
 * meanwhile rather than waiting for it or being dropped by it: else Page Down through a changing
 * list would find the window's end where the next page should already be, and stop there. The
 * pages read meanwhile are kept where they join the refreshed ones (page.from, page.next).
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
  /** The cursor it was read from (null for the first page). */
  from: string | null
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
  /** The window's generation: a read started under an older one is dropped. */
  const tokens: Record<Tab, number> = { all: 0, in_queue: 0, handled: 0 }
  /** The latest refresh of each tab: an older one still under way is dropped. */
  const rereads: Record<Tab, number> = { all: 0, in_queue: 0, handled: 0 }
  /** The read on or back under way for each tab (one at a time), by its number; 0 when none. */
  const edgeReads: Record<Tab, number> = { all: 0, in_queue: 0, handled: 0 }
  let edgeReadCount = 0
  /** Reads under way for each tab, whatever their kind: the list is busy while any is. */
  const inFlight: Record<Tab, number> = { all: 0, in_queue: 0, handled: 0 }
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

  /**
   * Runs one read for a tab; `apply` runs only if the window was not started over meanwhile
   * (`fresh`: this read starts it over) and `current()` still holds.
   */
  async function run(tab: Tab, read: () => Promise<(() => void) | null>, { fresh = false, current = (): boolean => true } = {}): Promise<void> {
    const list = lists[tab]
    const token = fresh ? ++tokens[tab] : tokens[tab]
    const live = () => token === tokens[tab] && current()
    inFlight[tab] += 1
    list.isFetching = true
    try {
      const apply = await read()
      if (!live()) return
      apply?.()
    } catch (error) {
      if (!live()) return
      list.error = errorCode(error)
    } finally {
      inFlight[tab] -= 1
      list.isFetching = inFlight[tab] > 0
    }
  }

  /** Reads a tab's window anew from its start, or (`fromEnd`) from its end. */
  function loadEdge(tab: Tab, fromEnd: boolean): Promise<void> {
    return run(tab, async () => {
      const page = await readPage(tab, null, fromEnd)
      return () => {
        pagers[tab] = { ...emptyPager(fromEnd), chunks: [{ page: 0, rows: page.rows, from: null, next: page.nextCursor }] }
        pagers[tab].pageCursors.set(1, page.nextCursor)
        publish(tab)
      }
    }, { fresh: true })
  }

  /** Runs a read on or back, the only one for its tab until it ends; `apply` says false when it could not join the window. */
  async function edgeRead(tab: Tab, read: () => Promise<() => boolean>): Promise<boolean> {
    const id = ++edgeReadCount
    edgeReads[tab] = id
    let joined = true
    try {
      await run(tab, async () => {
        const apply = await read()
        return () => {
          joined = apply()
        }
      }, { current: () => edgeReads[tab] === id })
    } finally {
      if (edgeReads[tab] === id) edgeReads[tab] = 0
    }
    return joined
  }

  function loadFirst(tab: Tab = activeTab.value): Promise<void> {
    return loadEdge(tab, false)
  }

  /** The tab's last rows (End): a window read from the end, without paging through what comes before. */
  function loadLast(tab: Tab = activeTab.value): Promise<void> {
    return loadEdge(tab, true)
  }

  /** Reads the page after the pager's last; drops its first page when the window grows too long. */
  async function readOn(tab: Tab): Promise<void> {
    const list = lists[tab]
    const pager = pagers[tab]
    const last = pager.chunks.at(-1)
    if (edgeReads[tab] || !list.loaded || !last?.next) return
    const cursor = last.next
    const joined = await edgeRead(tab, async () => {
      const page = await readPage(tab, cursor)
      return () => {
        // A refresh published meanwhile may end the window elsewhere (rows came in or left): the
        // rows between its end and this page would be missing, so the page is read again from there.
        const end = pagers[tab].chunks.at(-1)
        if (pagers[tab] !== pager || end?.page !== last.page || end.next !== cursor) return false
        const number = last.page + 1
        pager.pageCursors.set(number + 1, page.nextCursor)
        pager.chunks = [...pager.chunks, { page: number, rows: page.rows, from: cursor, next: page.nextCursor }].slice(-WINDOW_PAGES)
        publish(tab)
        return true
      }
    })
    if (!joined) return readOn(tab)
  }

  /** Reads the page before the pager's first again; drops its last page when the window grows too long. */
  async function readBack(tab: Tab): Promise<void> {
    const pager = pagers[tab]
    const first = pager.chunks[0]
    if (edgeReads[tab] || !first || first.page === 0) return
    const number = first.page - 1
    const cursor = pager.pageCursors.get(number)
    // Page boundaries are remembered for every page read, so this only misses after a reset.
    if (cursor === undefined) return loadEdge(tab, pager.fromEnd)
    const joined = await edgeRead(tab, async () => {
      const page = await readPage(tab, cursor)
      return () => {
        // A refresh re-reads from the same remembered cursor, so the window still starts where it did,
        // unless it was read on meanwhile past WINDOW_PAGES.
        if (pagers[tab] !== pager || pager.chunks[0]?.page !== first.page) return false
        pager.chunks = [{ page: number, rows: page.rows, from: cursor, next: page.nextCursor }, ...pager.chunks].slice(0, WINDOW_PAGES)
        publish(tab)
        return true
      }
    })
    if (!joined) return readBack(tab)
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
  async function reread(tab: Tab): Promise<void> {
    const pager = pagers[tab]
    const { chunks: old, fromEnd } = pager
    if (old.length === 0) return loadEdge(tab, fromEnd)
    const firstPage = old[0]!.page
    const start = pager.pageCursors.get(firstPage)
    if (start === undefined) return loadEdge(tab, fromEnd)
    const id = ++rereads[tab]
    const token = tokens[tab]
    await run(tab, async () => {
      const chunks: Chunk[] = []
      let cursor: string | null = start
      for (let i = 0; i < old.length; i++) {
        const from: string | null = cursor
        const page: { rows: Conversation[]; nextCursor: string | null } = await readPage(tab, from, fromEnd)
        chunks.push({ page: firstPage + i, rows: page.rows, from, next: page.nextCursor })
        cursor = page.nextCursor
        if (cursor === null) break
      }
      return () => {
        const first = chunks[0]!
        const last = chunks.at(-1)!
        // Pages read on or back meanwhile stay, where they join what was read here.
        const after: Chunk[] = []
        for (const chunk of pager.chunks) {
          if (chunk.page <= last.page) continue
          if (chunk.page !== last.page + 1 + after.length || chunk.from !== (after.at(-1) ?? last).next) break
          after.push(chunk)
        }
        const before: Chunk[] = []
        for (const chunk of [...pager.chunks].reverse()) {
          if (chunk.page >= first.page) continue
          if (chunk.page !== first.page - 1 - before.length || chunk.next !== (before[0] ?? first).from) break
          before.unshift(chunk)
        }
        const joined = [...before, ...chunks, ...after]
        pager.chunks = after.length > 0 ? joined.slice(-WINDOW_PAGES) : joined.slice(0, WINDOW_PAGES)
        for (const chunk of pager.chunks) pager.pageCursors.set(chunk.page + 1, chunk.next)
        publish(tab)
      }
    }, { current: () => rereads[tab] === id && pagers[tab] === pager })
    // A window started over (End, Home) by a read begun before this one may not show the change
    // that asked for it: read that window again. One begun after took a newer token and shows it.
    if (rereads[tab] === id && token === tokens[tab] && pagers[tab] !== pager) return reread(tab)
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
