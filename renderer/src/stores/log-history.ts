/**
 * Log History as the page shows it: the hand-offs read so far from the cache, newest first, a
 * keyset page at a time. `log:changed` re-reads the newest page and puts what is new on top,
 * keeping the older pages already read. Reads go one at a time, in the order asked.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Id } from '@shared/domain'
import type { LogEntry } from '@shared/ipc/log-history'
import { call, subscribe } from '@renderer/api/client'
import { coalesce } from '@renderer/utils/coalesce'
import { appendOlder, mergeNewest, type HeldLog } from '@renderer/utils/log-entries'
import { errorCode } from './errors'

export const LOG_PAGE_SIZE = 50
/** A page as large as the contract allows, for catching up on many new entries at once. */
const CATCH_UP_PAGE = 200
/** Past this many new entries since the last read, the log starts over from the newest rather than read on. */
export const LOG_CATCH_UP_MAX = 1_000

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
  async function readNewest(): Promise<HeldLog> {
    const first = await call('log:list', { before: null, limit: LOG_PAGE_SIZE })
    const read = [...first.entries]
    let below = first.nextBefore
    const top = loaded.value ? entries.value[0]?.id : undefined
    while (top !== undefined && below !== null && (read.at(-1)?.id ?? 0) > top && read.length < LOG_CATCH_UP_MAX) {
      const page = await call('log:list', { before: below, limit: CATCH_UP_PAGE })
      read.push(...page.entries)
      below = page.nextBefore
    }
    return { entries: read, nextBefore: below }
  }

  async function refreshNow(): Promise<void> {
    const mine = generation
    try {
      const fresh = await readNewest()
      if (mine !== generation) return
      publish(loaded.value ? mergeNewest(held(), fresh) : fresh)
      error.value = null
    } catch (failure) {
      if (mine === generation) error.value = errorCode(failure)
    }
  }

  /** The first read, or the newest entries again; calls meanwhile make one more read, not one each. */
  const refresh = coalesce(() => serially(refreshNow))

  async function loadOlderNow(): Promise<void> {
    const mine = generation
    const before = nextBefore.value
    if (before === null) return
    try {
      const page = await call('log:list', { before, limit: LOG_PAGE_SIZE })
      // Cleared, or started over by a refresh meanwhile: this page belongs below another list.
      if (mine !== generation || nextBefore.value !== before) return
      publish(appendOlder(held(), page))
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

  /** Listens while the page is shown: new hand-offs are read as they reach the cache. */
  function start(): void {
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
    loaded.value = false
    isLoadingOlder.value = false
    error.value = null
    olderError.value = null
  }

  return { entries, nextBefore, loaded, isLoadingOlder, error, olderError, hasOlder, refresh, loadOlder, start, stop, clear }
})
