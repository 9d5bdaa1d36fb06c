/**
 * Log History as the page shows it: the hand-offs read so far from the cache, newest first, a
 * keyset page at a time, narrowed by the page's filters. `log:changed` re-reads the newest page and
 * puts what is new on top, keeping the older pages already read. Reads go one at a time, in the
 * order asked.
 *
 * End goes to the log's oldest entry however long the log is: the log is then held from that end,
 * read oldest first (whose first page is the log's last), and shown newest first all the same,
 * with the newer entries above it read a page at a time. Home holds it from the newest again. A
 * tab's list does the same with its opposite order (stores/conversations.ts).
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { LogEntry, LogFilters, LogOrder, LogPage } from '@shared/ipc/log-history'
import { call, onEventsMissed, subscribe } from '@renderer/api/client'
import { coalesce } from '@renderer/utils/coalesce'
import { appendPage, keepFirst, mergeRun, readsAfter, type HeldLog } from '@renderer/utils/log-entries'
import { errorCode } from './errors'
import { dateBounds } from './filters'
import { readLogFilters, writeLogFilters, type LogHistoryFilters } from './page-state'
import { serverNow } from '@renderer/utils/time'

export const LOG_PAGE_SIZE = 50
/**
 * What the page holds of the newest entries while nobody reads further down: open through a shift,
 * every hand-off stayed, each a row in the page (about 2,900 in a day at the demo's rate). Those
 * below are read again under "Show older". Held from the oldest, the same holds for the oldest.
 */
export const LOG_KEEP = 4 * LOG_PAGE_SIZE
/** A page as large as the contract allows, for catching up on many new entries at once. */
const CATCH_UP_PAGE = 200
/** Past this many new entries since the last read, the log starts over from the newest rather than read on. */
export const LOG_CATCH_UP_MAX = 1_000

export const noLogFilters = (): LogHistoryFilters => ({ agentId: null, date: null })

/** The query the filters stand for, with the date's bounds as of `now`. */
export function toLogQuery(filters: LogHistoryFilters, now: number = serverNow()): LogFilters {
  return { ...(filters.agentId !== null && { agentId: filters.agentId }), ...(filters.date && dateBounds(filters.date, now)) }
}

const boundsOf = (query: LogFilters): string => `${query.from ?? ''}..${query.to ?? ''}`

/** Which of the filters narrow a query: what the page says when nothing matches. */
export type LogNarrowing = 'agent' | 'time' | 'agentAndTime'

export function narrowingOf(query: LogFilters): LogNarrowing | null {
  const time = query.from !== undefined || query.to !== undefined
  if (query.agentId !== undefined) return time ? 'agentAndTime' : 'agent'
  return time ? 'time' : null
}

export const useLogHistoryStore = defineStore('logHistory', () => {
  /** The entries held, in the order they were read from the end they are held from, and the cursor reading on after them. */
  const held = ref<HeldLog>({ entries: [], nextBefore: null })
  /** Which end the log is held from: its newest entries (as the page opens), or its oldest (End). */
  const order = ref<LogOrder>('newest_first')
  /** The entries as the page shows them, newest first whichever end they are held from. */
  const entries = computed<readonly LogEntry[]>(() => (order.value === 'newest_first' ? held.value.entries : [...held.value.entries].reverse()))
  const fromEnd = computed(() => order.value === 'oldest_first')
  const loaded = ref(false)
  /** A page past those held is on its way: older ones (Show older), or held from the oldest, newer ones (Show newer). */
  const isReadingOn = ref(false)
  /** Error code of the last read of the end the log is held from; the entries held stay shown. */
  const error = ref<string | null>(null)
  /** Error code of the last read past the entries held, or of the other end (End, Home) that could not be read. */
  const readOnError = ref<string | null>(null)
  /**
   * Older hand-offs are still being copied into the cache (a long copy brings the newest first):
   * the log's end is not yet where the cache's window starts. Not said under a date range the
   * hand-offs still to come cannot reach.
   */
  const copyingOlder = ref(false)
  const readsOn = computed(() => loaded.value && held.value.nextBefore !== null)
  const hasOlder = computed(() => readsOn.value && !fromEnd.value)
  const hasNewer = computed(() => readsOn.value && fromEnd.value)
  const isLoadingOlder = computed(() => isReadingOn.value && !fromEnd.value)
  const isLoadingNewer = computed(() => isReadingOn.value && fromEnd.value)
  const olderError = computed(() => (fromEnd.value ? null : readOnError.value))
  const newerError = computed(() => (fromEnd.value ? readOnError.value : null))
  /** Remembered across restarts, as the Customer page's are; forgotten on signing out, the agents being the account's. */
  const filters = ref<LogHistoryFilters>(readLogFilters() ?? noLogFilters())
  /** What narrows the log now, if anything (a custom range with no day picked yet does not). */
  const narrowedBy = computed(() => narrowingOf(toLogQuery(filters.value)))
  /** Set when the filters change: the next read replaces the entries held instead of going on top of them. */
  let startingOver = false
  /** Pages past the first were asked for since the page was last shown: what they brought stays. */
  let readFurther = false
  /** The page is shown again by closing a chat opened from one of its entries (comeBack). */
  let comingBack = false
  /**
   * The date bounds the entries held were read under. Read again under others (a preset moved on at
   * midnight while the page was away at a chat opened from it), the log starts over: merged, the
   * entries held below a fresh page stayed, under "Last 7 days" the day that had left the week.
   */
  let heldBounds: string | null = null
  /** Bumped by clear(), so a read under way for the previous session is dropped. */
  let generation = 0
  let reading: Promise<void> = Promise.resolve()
  let unsubscribe: (() => void) | null = null
  let offMissed: (() => void) | null = null

  /** Runs reads one after another: an older page and a refresh never race over the same list. */
  function serially(read: () => Promise<void>): Promise<void> {
    const next = reading.then(read)
    reading = next.catch(() => undefined)
    return next
  }

  /** A page read in `from`'s order; newest first is the order asked for when none is named. */
  async function readPage(query: LogFilters, from: LogOrder, before: number | null, limit: number): Promise<LogPage> {
    const mine = generation
    const page = await call('log:list', { ...query, ...(from === 'oldest_first' && { order: from }), before, limit })
    if (mine === generation) copyingOlder.value = page.copyingOlder
    return page
  }

  /**
   * Held down to the log's end while older hand-offs were still being copied: those copied since
   * lie below it, where a fresh run from the newest does not reach, so reading on goes on from the
   * last entry held when any are there.
   */
  async function reopenEnd(log: HeldLog, query: LogFilters, from: LogOrder, wasCopying: boolean): Promise<HeldLog> {
    const last = log.entries.at(-1)
    if (!wasCopying || from !== 'newest_first' || log.nextBefore !== null || last === undefined) return log
    const below = await readPage(query, from, last.id, 1)
    return below.entries.length > 0 ? { entries: log.entries, nextBefore: last.id } : log
  }

  function publish(log: HeldLog, from: LogOrder): void {
    // Read from the oldest up to the newest, the log is held whole: from the newest, where new entries come in.
    const whole = from === 'oldest_first' && log.nextBefore === null
    held.value = whole ? { entries: [...log.entries].reverse(), nextBefore: null } : { entries: [...log.entries], nextBefore: log.nextBefore }
    order.value = whole ? 'newest_first' : from
    loaded.value = true
  }

  /** The first page from the end the log is held from, and when more arrived than it holds, the pages after it down to what is held. */
  async function readRun(query: LogFilters, from: LogOrder): Promise<HeldLog> {
    const first = await readPage(query, from, null, LOG_PAGE_SIZE)
    const read = [...first.entries]
    let next = first.nextBefore
    const top = loaded.value && !startingOver ? held.value.entries[0] : undefined
    while (top !== undefined && next !== null && readsAfter(top, read.at(-1) ?? top, from) && read.length < LOG_CATCH_UP_MAX) {
      const page = await readPage(query, from, next, CATCH_UP_PAGE)
      read.push(...page.entries)
      next = page.nextBefore
    }
    return { entries: read, nextBefore: next }
  }

  async function refreshNow(): Promise<void> {
    const mine = generation
    const from = order.value
    const wasCopying = copyingOlder.value
    try {
      const query = toLogQuery(filters.value)
      const bounds = boundsOf(query)
      if (loaded.value && bounds !== heldBounds) {
        startingOver = true
        readFurther = false
      }
      const fresh = await readRun(query, from)
      if (mine !== generation) return
      const merged = await reopenEnd(loaded.value && !startingOver ? mergeRun(held.value, fresh, from) : fresh, query, from, wasCopying)
      if (mine !== generation) return
      publish(readFurther ? merged : keepFirst(merged, LOG_KEEP), from)
      heldBounds = bounds
      startingOver = false
      error.value = null
    } catch (failure) {
      if (mine !== generation) return
      error.value = errorCode(failure)
      // The entries held answer other filters: the page says it could not read, rather than show them as these.
      if (startingOver) publish({ entries: [], nextBefore: null }, 'newest_first')
    }
  }

  /** The first read, or the newest entries again; calls meanwhile make one more read, not one each. */
  const refresh = coalesce(() => serially(refreshNow))

  async function readOnNow(): Promise<void> {
    const mine = generation
    const from = order.value
    const before = held.value.nextBefore
    if (before === null) return
    try {
      const page = await readPage(toLogQuery(filters.value), from, before, LOG_PAGE_SIZE)
      // Cleared, or started over by a refresh meanwhile: this page belongs after another list.
      if (mine !== generation || held.value.nextBefore !== before || order.value !== from) return
      publish(appendPage(held.value, page, from), from)
      readFurther = true
      readOnError.value = null
    } catch (failure) {
      if (mine === generation) readOnError.value = errorCode(failure)
    }
  }

  /** The page after the entries held (a "Show older" press, or "Show newer" held from the oldest); ignored while one is on its way. */
  async function readOn(): Promise<void> {
    if (!readsOn.value || isReadingOn.value) return
    isReadingOn.value = true
    const mine = generation
    try {
      await serially(readOnNow)
    } finally {
      if (mine === generation) isReadingOn.value = false
    }
  }

  /** Show older: the page below the entries held from the newest. */
  function loadOlder(): Promise<void> {
    return hasOlder.value ? readOn() : Promise.resolve()
  }

  /** Show newer: the page above the entries held from the oldest. */
  function loadNewer(): Promise<void> {
    return hasNewer.value ? readOn() : Promise.resolve()
  }

  /**
   * Holds the log from one end (Home: the newest, End: the oldest), read anew as its first page:
   * the pages held from the other end go. A read that fails leaves them as they were, and says so
   * where reading on would have gone.
   */
  function readEdge(edge: 'start' | 'end'): Promise<void> {
    const from: LogOrder = edge === 'start' ? 'newest_first' : 'oldest_first'
    const mine = generation
    return serially(async () => {
      try {
        const query = toLogQuery(filters.value)
        const page = await readPage(query, from, null, LOG_PAGE_SIZE)
        if (mine !== generation) return
        heldBounds = boundsOf(query)
        readFurther = false
        readOnError.value = null
        error.value = null
        publish(page, from)
      } catch (failure) {
        if (mine === generation) readOnError.value = errorCode(failure)
      }
    })
  }

  /**
   * Narrows the log anew (or reads a date preset's new bounds after midnight). The entries held
   * stay in view until the new ones replace them, so the table does not blink to a loading state;
   * reads under way for the old filters are dropped, and nothing older is read for them.
   */
  function setFilters(next: LogHistoryFilters): Promise<void> {
    filters.value = next
    writeLogFilters(next)
    generation += 1
    startingOver = true
    readFurther = false
    // The narrowed log is read from its newest, whichever end the old one was held from.
    held.value = { entries: [...entries.value], nextBefore: null }
    order.value = 'newest_first'
    isReadingOn.value = false
    readOnError.value = null
    return refresh()
  }

  /**
   * The page is about to be shown again by closing a chat opened from an entry, as Back would: what
   * was read stays, or an entry reached under Show older went from under the focus as it came back.
   */
  function comeBack(): void {
    comingBack = true
  }

  /** Listens while the page is shown: new hand-offs are read as they reach the cache. Says whether it is shown again by coming back. */
  function start(): boolean {
    const back = comingBack
    comingBack = false
    if (!back) readFurther = false
    unsubscribe ??= subscribe('log:changed', () => void refresh())
    // Hand-offs told while the page's socket was gone were told to nobody.
    offMissed ??= onEventsMissed(() => void refresh())
    return back
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    offMissed?.()
    offMissed = null
  }

  /** Forgets the log (signed out: the next account's log is another). */
  function clear(): void {
    generation += 1
    held.value = { entries: [], nextBefore: null }
    order.value = 'newest_first'
    filters.value = noLogFilters()
    writeLogFilters(noLogFilters())
    startingOver = false
    readFurther = false
    comingBack = false
    heldBounds = null
    loaded.value = false
    isReadingOn.value = false
    error.value = null
    readOnError.value = null
    copyingOlder.value = false
  }

  return {
    entries,
    copyingOlder,
    fromEnd,
    loaded,
    isLoadingOlder,
    isLoadingNewer,
    error,
    olderError,
    newerError,
    hasOlder,
    hasNewer,
    filters,
    narrowedBy,
    refresh,
    loadOlder,
    loadNewer,
    readEdge,
    setFilters,
    comeBack,
    start,
    stop,
    clear,
  }
})
