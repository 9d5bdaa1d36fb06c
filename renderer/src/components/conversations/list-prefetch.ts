import { nextTick, watch } from 'vue'
import type { ConversationList } from '@renderer/stores/conversations'

/** Ask for the next (or previous) page this many rows before the window's edge. */
const PREFETCH_ROWS = 40

export interface ListPrefetchOptions {
  list: () => ConversationList
  /** The rows the virtual list renders now, by their index in the window. */
  items: () => readonly { index: number }[]
  loadMore: () => void
  loadBefore: () => void
}

/**
 * Reads on before the window's edge comes into view, so scrolling never waits for a page. Asked for
 * while the list is busy too: a refresh re-reading the window takes ten round trips, and the store
 * reads on meanwhile (it ignores the ask while it reads on already).
 */
export function useListPrefetch(options: ListPrefetchOptions) {
  /** While Home or End reads and scrolls to an edge of the list, the rows passed on the way read nothing. */
  let movingToEdge = false

  function prefetch(): void {
    const list = options.list()
    if (!list.loaded || list.error || movingToEdge) return
    const visible = options.items()
    const first = visible[0]?.index ?? 0
    const last = visible.at(-1)?.index ?? 0
    if (list.hasMore && last >= list.records.length - PREFETCH_ROWS) options.loadMore()
    else if (list.hasBefore && first <= PREFETCH_ROWS) options.loadBefore()
  }

  watch([options.items, () => options.list().isFetching, () => options.list().loaded], () => void nextTick(prefetch))

  /** Moves to an edge of the list (Home or End past the rows read), then reads on from where it landed. */
  async function whileMovingToEdge(move: () => Promise<void>): Promise<void> {
    movingToEdge = true
    try {
      await move()
    } finally {
      movingToEdge = false
      void nextTick(prefetch)
    }
  }

  return { movingToEdge: () => movingToEdge, whileMovingToEdge }
}
