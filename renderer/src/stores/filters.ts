/**
 * The Customer page's filters as the user set them, and the IPC query they stand for. Date presets
 * are kept as presets ("last 7 days"), not as fixed dates, so they still mean the same after a restart.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Filters } from '@shared/ipc/contract'
import { emptyFilters, type DateRange, type PageFilters } from './page-state'
import { serverNow } from '@renderer/utils/time'
import { MAX_EPOCH_MS } from '@shared/domain'

export const useFiltersStore = defineStore('filters', () => {
  const filters = ref<PageFilters>(emptyFilters())

  const activeCount = computed(() => countActive(filters.value))

  function set(next: Partial<PageFilters>): void {
    filters.value = { ...filters.value, ...next }
  }

  function clear(): void {
    filters.value = emptyFilters()
  }

  return { filters, activeCount, set, clear }
})

export function countActive(f: PageFilters): number {
  return (
    (f.types.length === 1 ? 1 : 0) +
    f.channels.length +
    f.labelIds.length +
    f.agentIds.length +
    (f.date && dateBounds(f.date, serverNow()) ? 1 : 0) +
    (f.search.trim() ? 1 : 0)
  )
}

/** Local midnight of the day `at` falls in, moved by `days`. */
export function startOfDay(at: number, days = 0): number {
  const d = new Date(at)
  return localMidnight(d.getFullYear(), d.getMonth(), d.getDate() + days)
}

/**
 * Local midnight of a day (month from 0; days past the month's end roll over). `new Date(y, m, d)`
 * reads the years 0 to 99 as 1900 to 1999: a year typed as "0026" became 1926.
 */
export function localMidnight(year: number, month: number, day: number): number {
  const at = new Date(2000, 0, 1)
  at.setFullYear(year, month, day)
  at.setHours(0, 0, 0, 0)
  return at.getTime()
}

function parseDay(day: string): number | null {
  const [y, m, d] = day.split('-').map(Number)
  if (y === undefined || !Number.isInteger(y) || !m || !d) return null
  const at = localMidnight(y, m - 1, d)
  return Number.isNaN(at) ? null : at
}

/** The [from, to) range of a date filter in epoch ms, local days; null when it does not narrow. */
export function dateBounds(range: DateRange, now: number): { from?: number; to?: number } | null {
  const tomorrow = startOfDay(now, 1)
  switch (range.preset) {
    case 'today':
      return { from: startOfDay(now), to: tomorrow }
    case 'last7':
      return { from: startOfDay(now, -6), to: tomorrow }
    case 'last30':
      return { from: startOfDay(now, -29), to: tomorrow }
    case 'custom': {
      let from = range.from ? parseDay(range.from) : null
      let last = range.to ? parseDay(range.to) : null
      // A range picked backwards means the same days; the fields are put in order only as the focus leaves them.
      if (from !== null && last !== null && from > last) [from, last] = [last, from]
      if (from === null && last === null) return null
      const bounds: { from?: number; to?: number } = {}
      // Timestamps run from 1970 to the last moment a Date holds: a start before 1970 bounds nothing
      // below, a range ending before it holds nothing (to 0), an end past the last date nothing
      // above. Sent as they were, the cache refused the query as malformed.
      if (from !== null && from > 0) bounds.from = Math.min(from, MAX_EPOCH_MS)
      // The end day is included: the range stops at the midnight after it.
      const to = last === null ? NaN : startOfDay(last, 1)
      if (Number.isFinite(to) && to <= MAX_EPOCH_MS) bounds.to = Math.max(0, to)
      return bounds
    }
  }
}

/** The contract's Filters for what the user picked. Both types picked is the same as none. */
export function toQuery(f: PageFilters, now: number = serverNow()): Filters {
  const query: Filters = {}
  if (f.types.length === 1) query.type = f.types[0]
  if (f.channels.length) query.channels = [...f.channels]
  if (f.labelIds.length) query.labelIds = [...f.labelIds]
  if (f.agentIds.length) query.agentIds = [...f.agentIds]
  const bounds = f.date ? dateBounds(f.date, now) : null
  if (bounds?.from !== undefined) query.from = bounds.from
  if (bounds?.to !== undefined) query.to = bounds.to
  const search = f.search.trim()
  if (search) query.search = search
  return query
}
