/**
 * The three tab counts under the page's filters. Without filters the pushed 'counts:changed'
 * values are used as they are; with filters they only say "something changed", and the counts are
 * read again under the filters (coalesced, like the lists). Apart from them, the whole queue's size,
 * whatever the filters: what the window's title says.
 *
 * Both are held from pushes, so pushes lost (browser mode, the page's socket gone meanwhile) leave
 * them behind the cache until the next change: they are read again then, the queue's size too.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Filters, TabCounts } from '@shared/ipc/contract'
import { call, onEventsMissed, subscribe } from '@renderer/api/client'

export const COUNTS_COALESCE_MS = 150

const narrows = (filters: Filters): boolean => Object.keys(filters).length > 0

export const useCountsStore = defineStore('counts', () => {
  const counts = ref<TabCounts | null>(null)
  /** Conversations in the queue, unfiltered; null until known. */
  const waiting = ref<number | null>(null)
  const filters = ref<Filters>({})
  let token = 0
  /** Bumped by every push and every read of the queue's size, so an older read answering late is dropped. */
  let queueToken = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let unsubscribe: (() => void) | null = null

  /** `queueToo`: under filters, read the queue's own size as well; pushes keep it otherwise. */
  async function load(queueToo = waiting.value === null): Promise<void> {
    if (queueToo && narrows(filters.value)) {
      const mine = ++queueToken
      call('conversations:counts', { filters: {} })
        .then((value) => {
          if (mine === queueToken) waiting.value = value.in_queue
        })
        .catch(() => {})
    }
    const mine = ++token
    try {
      const value = await call('conversations:counts', { filters: filters.value })
      if (!narrows(filters.value) && mine === token) {
        queueToken += 1
        waiting.value = value.in_queue
      }
      if (mine === token) counts.value = value
    } catch {
      // Keep the last counts; the next push or reload replaces them.
    }
  }

  function setFilters(next: Filters): Promise<void> {
    filters.value = next
    return load()
  }

  function scheduleLoad(): void {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      void load()
    }, COUNTS_COALESCE_MS)
  }

  function start(): void {
    if (unsubscribe) return
    const offCounts = subscribe('counts:changed', (value) => {
      queueToken += 1
      waiting.value = value.in_queue
      if (narrows(filters.value)) return scheduleLoad()
      // A push is newer than any read still in flight.
      token += 1
      counts.value = value
    })
    // A label or agent change can move filtered counts without moving the unfiltered ones.
    const offCache = subscribe('cache:changed', () => {
      if (narrows(filters.value)) scheduleLoad()
    })
    const offMissed = onEventsMissed(() => void load(true))
    unsubscribe = () => {
      offCounts()
      offCache()
      offMissed()
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    if (timer) clearTimeout(timer)
    timer = null
  }

  return { counts, waiting, filters, load, setFilters, start, stop }
})
