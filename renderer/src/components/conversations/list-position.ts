import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Virtualizer } from '@tanstack/vue-virtual'
import type { ConversationList } from '@renderer/stores/conversations'
import { ROW_HEIGHT } from './columns'

export interface ListPositionOptions {
  list: () => ConversationList
  /** The tab's count under the filters, null while it is not known. */
  total: () => number | null
  scroller: () => HTMLElement | null
  virtualizer: () => Pick<Virtualizer<HTMLElement, Element>, 'scrollOffset'>
  /** The rows rendered now: read so the text follows the window as it scrolls. */
  items: () => unknown
  headerHeight: () => number
  /** Pixels at the list's end that something floats over. */
  endRoom: () => number
}

/** Where the window stands in the whole tab: its first row's place, and the footer's "Rows a–b of n". */
export function useListPosition(options: ListPositionOptions) {
  const { t, n } = useI18n()
  const records = computed(() => options.list().records)

  /**
   * Where the window's first row stands in the whole tab. The store counts it in pages read, which
   * rows arriving above since then have moved on; at the tab's end, where those rows are counted,
   * it is known exactly: the last rows of the total. A window read from the end counts from there,
   * so without a count (a search's "2,000+") its rows' places are not known: null.
   *
   * A window that holds the tab from its first row is not placed by the total: the count is pushed
   * as soon as the cache changes, the rows only when the list has read them again, and rows that
   * joined in between (chats just assigned, on Handled) are not above the first row but anywhere.
   * Placed from the total, two rows of a tab grown to four read "Rows 3–4 of 4".
   */
  const base = computed(() => {
    const { base: counted, hasMore, hasBefore, fromEnd } = options.list()
    const total = options.total()
    if (!hasBefore) return 0
    if (!hasMore && total !== null && total >= records.value.length) return total - records.value.length
    if (fromEnd === null) return counted
    return total === null ? null : Math.max(0, total - fromEnd - records.value.length)
  })

  const positionText = computed(() => {
    const total = options.total()
    if (total === null || records.value.length === 0 || base.value === null) return ''
    const el = options.scroller()
    // The virtualizer's offset, not the element's: after rows moved it is ahead of the element (keep-place.ts).
    const top = options.virtualizer().scrollOffset ?? el?.scrollTop ?? 0
    const height = el?.clientHeight || 600
    const first = Math.min(records.value.length - 1, Math.max(0, Math.floor(top / ROW_HEIGHT)))
    const last = Math.min(records.value.length - 1, Math.max(first, Math.floor((top + height - options.headerHeight() - options.endRoom()) / ROW_HEIGHT) - 1))
    void options.items() // re-evaluate as the window scrolls
    const at = base.value
    return t('table.position', {
      from: n(at + first + 1),
      to: n(at + last + 1),
      total: n(Math.max(total, at + records.value.length)),
    })
  })

  return { base, positionText }
}
