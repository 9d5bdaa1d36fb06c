import { computed } from 'vue'
import type { Tab } from '@shared/ipc/contract'
import type { Sort } from '@shared/ipc/conversation-sort'
import { ariaSort, nextSort, type AriaSort, type ColumnKey } from './columns'

export const SORT_ARROWS: Record<AriaSort, string> = { ascending: '↑', descending: '↓', none: '↕' }

/** The table's headers under the list's order: each one's aria-sort, and the order a click on it asks for. */
export function useSortHeaders(tab: () => Tab, sort: () => Sort, columns: () => readonly ColumnKey[], askSort: (sort: Sort) => void) {
  /** Each header's aria-sort under the list's order, worked out once per order rather than per use in the template. */
  const headerSorts = computed(() => Object.fromEntries(columns().map((c) => [c, ariaSort(tab(), c, sort())])) as Partial<Record<ColumnKey, AriaSort>>)

  function sortBy(column: ColumnKey): void {
    const next = nextSort(column, sort())
    if (next !== sort()) askSort(next)
  }

  return { headerSorts, sortBy }
}
