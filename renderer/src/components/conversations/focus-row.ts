import { nextTick } from 'vue'
import type { Virtualizer } from '@tanstack/vue-virtual'

export interface FocusRowOptions {
  rows: () => readonly { id: number }[]
  scroller: () => HTMLElement | null
  virtualizer: () => Pick<Virtualizer<HTMLElement, Element>, 'scrollToIndex'>
  /** The row about to take the focus: the list's current row from now on. */
  focused: (id: number) => void
}

/** The focus on a row of a virtual list, which may have to be scrolled to before it is rendered. */
export function useFocusRow(options: FocusRowOptions) {
  function rowElement(id: number): HTMLElement | null {
    return options.scroller()?.querySelector<HTMLElement>(`[role="row"][data-id="${id}"]`) ?? null
  }

  /** Moves focus to the row at `index` of the window, scrolling it into view first when needed. */
  async function focusIndex(index: number): Promise<void> {
    const rows = options.rows()
    const clamped = Math.max(0, Math.min(rows.length - 1, index))
    const row = rows[clamped]
    if (!row) return
    options.focused(row.id)
    options.virtualizer().scrollToIndex(clamped, { align: 'auto' })
    for (let frame = 0; frame < 10; frame++) {
      await nextTick()
      const el = rowElement(row.id)
      if (el) {
        el.focus({ preventScroll: true })
        return
      }
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
    }
  }

  return { rowElement, focusIndex }
}
