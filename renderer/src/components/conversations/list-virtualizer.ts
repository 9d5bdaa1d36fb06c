import { computed } from 'vue'
import { useVirtualizer } from '@tanstack/vue-virtual'
import type { ConversationList } from '@renderer/stores/conversations'
import { ROW_HEIGHT } from './columns'

/** Rows rendered beyond the visible ones, each way. */
const OVERSCAN = 10

export interface ListVirtualizerOptions {
  list: () => ConversationList
  scroller: () => HTMLElement | null
  /** The sticky header's height: the rows start under it and are scrolled clear of it. */
  headerHeight: () => number
  /** Pixels at the list's end that something floats over: the last row scrolls clear of them. */
  endRoom: () => number
}

/** The window's rows as a virtual list: only those in view (and a few more) are rendered. */
export function useListVirtualizer(options: ListVirtualizerOptions) {
  /** Loaded rows, plus placeholder rows at the end while more can be read. */
  const count = computed(() => {
    const list = options.list()
    return list.records.length + (list.loaded && list.hasMore ? 3 : 0)
  })

  const virtualizer = useVirtualizer(
    computed(() => {
      // Read here, not only inside getItemKey: the options (and so the rows' keys) must be renewed
      // whenever the list changes, even when its length does not, or a row's element would be
      // handed to another conversation and the focus on it with it.
      const ids = options.list().records.map((row) => row.id)
      return {
        count: count.value,
        getScrollElement: () => options.scroller(),
        estimateSize: () => ROW_HEIGHT,
        overscan: OVERSCAN,
        scrollMargin: options.headerHeight(),
        scrollPaddingStart: options.headerHeight(),
        scrollPaddingEnd: options.endRoom(),
        // Before layout (and in tests without layout) assume a desktop-sized viewport.
        initialRect: { width: 1200, height: 720 },
        getItemKey: (index: number) => ids[index] ?? `more-${index}`,
      }
    }),
  )
  const items = computed(() => virtualizer.value.getVirtualItems())
  const bodyHeight = computed(() => count.value * ROW_HEIGHT + options.endRoom())

  return { virtualizer, items, bodyHeight }
}
