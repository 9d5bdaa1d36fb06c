import { nextTick, watch, type Ref } from 'vue'
import type { Virtualizer } from '@tanstack/vue-virtual'
import { ROW_HEIGHT } from './columns'

export interface KeepPlaceOptions {
  scroller: Ref<HTMLElement | null>
  /** The window's rows, watched for the rows that move in it. */
  records: () => readonly { id: number }[]
  /** On screen; false while another page is in front. */
  shown: () => boolean
  pointerInside: () => boolean
  virtualizer: () => Pick<Virtualizer<HTMLElement, Element>, 'cancelScroll' | 'scrollOffset'>
  /** Rows that came in above the ones in view, and moved them down by as many. */
  rowsAbove: (rows: number) => void
}

/**
 * Live updates must not move the rows under the user's eyes. Before the new rows render, see how
 * far the rows in view moved (the most common shift among them, so one row jumping to the top
 * does not count), and scroll by as much after. At the very top with the pointer elsewhere, new
 * rows simply appear, like a feed.
 */
export function useKeepPlace(options: KeepPlaceOptions) {
  const { scroller } = options

  /**
   * Behind another page the scroller has no layout: its offset reads 0 and cannot be set. The
   * offset is held here instead, moved as the rows move, and given back when the table shows again.
   */
  let heldTop: number | null = null
  watch(
    options.shown,
    (shown) => {
      const el = scroller.value
      if (!el) return
      // Before the page is hidden (this runs ahead of the render that hides it), its offset is still real.
      if (!shown) heldTop = el.scrollTop
      else if (heldTop !== null) {
        void nextTick(() => {
          if (heldTop !== null) el.scrollTop = heldTop
          heldTop = null
        })
      }
    },
    { flush: 'pre' },
  )

  watch(
    options.records,
    (next, previous) => {
      const el = scroller.value
      if (!el || previous.length === 0 || next === previous) return
      const top = heldTop ?? el.scrollTop
      const keep = top > 0 || (heldTop === null && (options.pointerInside() || el.contains(document.activeElement)))
      if (!keep) return
      const firstIndex = Math.max(0, Math.floor(Math.max(0, top) / ROW_HEIGHT))
      const visibleRows = Math.ceil((el.clientHeight || 720) / ROW_HEIGHT) + 1
      const position = new Map(next.map((row, index) => [row.id, index]))
      const votes = new Map<number, number>()
      for (let i = firstIndex; i < Math.min(previous.length, firstIndex + visibleRows); i++) {
        const moved = position.get(previous[i]!.id)
        if (moved === undefined) continue
        votes.set(moved - i, (votes.get(moved - i) ?? 0) + 1)
      }
      let shift = 0
      let best = 0
      for (const [delta, votesFor] of votes) if (votesFor > best) [shift, best] = [delta, votesFor]
      if (shift === 0) return
      if (shift > 0) options.rowsAbove(shift)
      const target = Math.max(0, top + shift * ROW_HEIGHT)
      if (heldTop !== null) {
        heldTop = target
        return
      }
      // The new rows render in this update, but the element scrolls only once they are laid out and
      // the virtualizer hears of it a frame later still. Rendered at the old offset, the rows shown
      // would be a page away (a page dropped above moves every row up by 100): the focused row would
      // be taken off the page and the focus handed to the first row rendered there (keep-focus), tens
      // of rows from where Page Down had put it. So the virtualizer takes the new offset now, and a
      // scroll to an index still settling, which now names another row, is given up.
      const virtual = options.virtualizer()
      virtual.cancelScroll()
      virtual.scrollOffset = target
      void nextTick(() => {
        el.scrollTop = target
      })
    },
    { flush: 'pre' },
  )

  /** Back to the list's top, or, behind another page, to be there once it shows again. */
  function toTop(): void {
    scroller.value?.scrollTo({ top: 0 })
    if (heldTop !== null) heldTop = 0
  }

  return { toTop }
}
