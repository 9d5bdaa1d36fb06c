/**
 * Log History as the page shows it: the hand-offs read so far from the cache, newest first, a
 * keyset page at a time, narrowed by the page's filters. `log:changed` re-reads the newest page and
 * puts what is new on top, keeping the older pages already read. Reads go one at a time, in the
 * order asked.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Id } from '@shared/domain'
import type { LogEntry, LogFilters } from '@shared/ipc/log-history'
import { call, subscribe } from '@renderer/api/client'
import { coalesce } from '@renderer/utils/coalesce'
import { appendOlder, isOlder, keepNewest, mergeNewest, type HeldLog } from '@renderer/utils/log-entries'
import { errorCode } from './errors'
import { dateBounds } from './filters'
import { readLogFilters, writeLogFilters, type LogHistoryFilters } from './page-state'
import { serverNow } from '@renderer/utils/time'

export const LOG_PAGE_SIZE = 50
/**
 * What the page holds of the newest entries while nobody reads further down: open through a shift,
 * every hand-off stayed, each a row in the page (about 2,900 in a day at the demo's rate). Those
 * below are read again under "Show older".
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

/** Which of the filters narrow a query: what the page says when nothing matches. */
export type LogNarrowing = 'agent' | 'time' | 'agentAndTime'

export function narrowingOf(query: LogFilters): LogNarrowing | null {
  const time = query.from !== undefined || query.to !== undefined
  if (query.agentId !== undefined) return time ? 'agentAndTime' : 'agent'
  return time ? 'time' : null
}

export const useLogHistoryStore = defineStore('logHistory', () => {
  const entries = ref<LogEntry[]>([])
  /** Reads on below the last entry held; null once nothing older is kept. */
  const nextBefore = ref<Id | null>(null)
  const loaded = ref(false)
  const isLoadingOlder = ref(false)
  /** Error code of the last read of the newest entries; the entries held stay shown. */
  const error = ref<string | null>(null)
  const olderError = ref<string | null>(null)
  const hasOlder = computed(() => loaded.value && nextBefore.value !== null)
  /** Remembered across restarts, as the Customer page's are; forgotten on signing out, the agents being the account's. */
  const filters = ref<LogHistoryFilters>(readLogFilters() ?? noLogFilters())
  /** What narrows the log now, if anything (a custom range with no day picked yet does not). */
  const narrowedBy = computed(() => narrowingOf(toLogQuery(filters.value)))
  /** Set when the filters change: the next read replaces the entries held instead of going on top of them. */
  let startingOver = false
  /** Older pages were asked for since the page was last shown: what they brought stays. */
  let readOlder = false
  /** Bumped by clear(), so a read under way for the previous session is dropped. */
  let generation = 0
  let reading: Promise<void> = Promise.resolve()
  let unsubscribe: (() => void) | null = null

  /** Runs reads one after another: an older page and a refresh never race over the same list. */
  function serially(read: () => Promise<void>): Promise<void> {
    const next = reading.then(read)
    reading = next.catch(() => undefined)
    return next
  }

  const held = (): HeldLog => ({ entries: entries.value, nextBefore: nextBefore.value })

  function publish(log: HeldLog): void {
    entries.value = [...log.entries]
    nextBefore.value = log.nextBefore
    loaded.value = true
  }

  /** The newest page, and when more arrived than it holds, the pages below it down to what is held. */
  async function readNewest(query: LogFilters): Promise<HeldLog> {
    const first = await call('log:list', { ...query, before: null, limit: LOG_PAGE_SIZE })
    const read = [...first.entries]
    let below = first.nextBefore
    const top = loaded.value && !startingOver ? entries.value[0] : undefined
    while (top !== undefined && below !== null && isOlder(top, read.at(-1) ?? top) && read.length < LOG_CATCH_UP_MAX) {
      const page = await call('log:list', { ...query, before: below, limit: CATCH_UP_PAGE })
      read.push(...page.entries)
      below = page.nextBefore
    }
    return { entries: read, nextBefore: below }
  }

  async function refreshNow(): Promise<void> {
    const mine = generation
    try {
      const fresh = await readNewest(toLogQuery(filters.value))
      if (mine !== generation) return
      const merged = loaded.value && !startingOver ? mergeNewest(held(), fresh) : fresh
      publish(readOlder ? merged : keepNewest(merged, LOG_KEEP))
      startingOver = false
      error.value = null
    } catch (failure) {
      if (mine !== generation) return
      error.value = errorCode(failure)
      // The entries held answer other filters: the page says it could not read, rather than show them as these.
      if (startingOver) publish({ entries: [], nextBefore: null })
    }
  }

  /** The first read, or the newest entries again; calls meanwhile make one more read, not one each. */
  const refresh = coalesce(() => serially(refreshNow))

  async function loadOlderNow(): Promise<void> {
    const mine = generation
    const before = nextBefore.value
    if (before === null) return
    try {
      const page = await call('log:list', { ...toLogQuery(filters.value), before, limit: LOG_PAGE_SIZE })
      // Cleared, or started over by a refresh meanwhile: this page belongs below another list.
      if (mine !== generation || nextBefore.value !== before) return
      publish(appendOlder(held(), page))
      readOlder = true
      olderError.value = null
    } catch (failure) {
      if (mine === generation) olderError.value = errorCode(failure)
    }
  }

  /** The page below the entries held (a "Show older" press); ignored while one is on its way. */
  async function loadOlder(): Promise<void> {
    if (!hasOlder.value || isLoadingOlder.value) return
    isLoadingOlder.value = true
    const mine = generation
    try {
      await serially(loadOlderNow)
    } finally {
      if (mine === generation) isLoadingOlder.value = false
    }
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
    readOlder = false
    nextBefore.value = null
    isLoadingOlder.value = false
    olderError.value = null
    return refresh()
  }

  /** Listens while the page is shown: new hand-offs are read as they reach the cache. */
  function start(): void {
    readOlder = false
    unsubscribe ??= subscribe('log:changed', () => void refresh())
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  /** Forgets the log (signed out: the next account's log is another). */
  function clear(): void {
    generation += 1
    entries.value = []
    nextBefore.value = null
    filters.value = noLogFilters()
    writeLogFilters(noLogFilters())
    startingOver = false
    readOlder = false
    loaded.value = false
    isLoadingOlder.value = false
    error.value = null
    olderError.value = null
  }

  return { entries, nextBefore, loaded, isLoadingOlder, error, olderError, hasOlder, filters, narrowedBy, refresh, loadOlder, setFilters, start, stop, clear }
})
