import { computed, nextTick, ref, watch } from 'vue'
import { rowTarget } from './row-keys'

export interface RowFocusOptions {
  rows: () => readonly { id: number }[]
  /** The ids of the rows on the page, when a virtual list renders only some of `rows`; all of them by default. */
  renderedIds?: () => readonly number[]
  /** The row open in the detail panel, if any. */
  selectedId: () => number | null
  /** Where Tab lands when no row of the list was focused or is open. */
  firstId: () => number | null
  /** How many rows Page Up and Page Down move. */
  page: () => number
  /** Puts the focus on the row at this index of `rows`. */
  focus: (index: number) => void
  /**
   * Home or End where `rows` is only a window of a longer list: takes the move over (reads that
   * end of the list and focuses its first or last row) and says true; false leaves it to `rows`.
   */
  edge?: (edge: 'start' | 'end') => boolean
  /**
   * A move past the rows read, where `rows` is only a window of a longer list (a Page Up quicker
   * than the page before arrives): takes the move over (reads on, then focuses the row `past` rows
   * beyond that edge; `step` is how far this key moves) and says true; false holds the move to `rows`.
   */
  beyond?: (edge: 'start' | 'end', past: number, step: number) => boolean
}

/**
 * One tab stop for a list of conversation rows (a roving tabindex), kept by id so it survives the
 * rows moving under it: the row last focused, else the open one, else the list's first, the first two
 * only while they are rendered. The arrow
 * keys, Page Up/Down, Home and End move it (row-keys.ts). Used by the cached table, older history and
 * Log History alike.
 */
export function useRowFocus(options: RowFocusOptions) {
  const focusedId = ref<number | null>(null)

  // A row leaving the list (assigned out of In Queue, an entry pruned from the log) hands the tab stop
  // to the row now at its place, and the focus too when the focus went with it (useKeepFocus) rather
  // than down to the page's body.
  watch(
    options.rows,
    (next, previous) => {
      const id = focusedId.value
      if (id === null || next.some((row) => row.id === id)) return
      const index = previous.findIndex((row) => row.id === id)
      if (index !== -1 && next.length > 0) focusedId.value = next[Math.min(index, next.length - 1)]!.id
    },
    { flush: 'pre' },
  )

  // Only a row on the page can hold the tab stop: a focused or open row scrolled out of a virtual
  // window would leave the list with none, and Tab (or Skip to conversations) with nowhere to land.
  const tabStopId = computed(() => {
    const ids = new Set(options.renderedIds?.() ?? options.rows().map((row) => row.id))
    if (focusedId.value !== null && ids.has(focusedId.value)) return focusedId.value
    const selected = options.selectedId()
    if (selected !== null && ids.has(selected)) return selected
    return options.firstId()
  })

  /** The id of the row an event happened on, itself (not a button inside it). */
  function rowId(event: Event): number | null {
    const target = event.target as HTMLElement | null
    return target?.getAttribute('role') === 'row' && target.dataset.id ? Number(target.dataset.id) : null
  }

  function onKeydown(event: KeyboardEvent): void {
    const id = rowId(event)
    if (id === null) return
    if ((event.key === 'Home' || event.key === 'End') && options.edge?.(event.key === 'Home' ? 'start' : 'end')) {
      event.preventDefault()
      return
    }
    const rows = options.rows()
    const index = rows.findIndex((row) => row.id === id)
    const target = index === -1 ? null : rowTarget(event.key, index, rows.length, options.page())
    if (target === null || rows.length === 0) return
    event.preventDefault()
    const step = Math.abs(target - index)
    if (target < 0 && options.beyond?.('start', -target, step)) return
    if (target >= rows.length && options.beyond?.('end', target - rows.length + 1, step)) return
    options.focus(Math.max(0, Math.min(rows.length - 1, target)))
  }

  // A control inside a row (its Select, clicked) makes that row the current one too: its controls
  // are then the ones in the tab order (row-controls.ts), next to where the focus is.
  function onFocusIn(event: FocusEvent): void {
    const row = (event.target as HTMLElement | null)?.closest<HTMLElement>('[role="row"][data-id]')
    if (row?.dataset.id) focusedId.value = Number(row.dataset.id)
  }

  return { focusedId, tabStopId, onKeydown, onFocusIn }
}

export interface EdgeMove {
  /** Reads the list anew from that end: its first page, or its last read as the first of the opposite order. */
  read: (edge: 'start' | 'end') => Promise<void>
  /** The box the rows scroll in. */
  scroller: () => HTMLElement | null
  /** How many rows the list holds once that end is read. */
  count: () => number
  /** Puts the focus on the row at this index. */
  focus: (index: number) => void | Promise<void>
}

/**
 * End in a list of 100,000 rows (or a log as long) means its last row, not the last of those read:
 * the list is read again from that end, and the focus goes to its row, unless it has left the list
 * while the page was read. Used by the cached table and Log History alike.
 */
export async function moveToEdge(edge: 'start' | 'end', move: EdgeMove): Promise<void> {
  await move.read(edge)
  const el = move.scroller()
  const active = document.activeElement
  if (!el || (active && active !== document.body && !el.contains(active))) return
  // Laid out, the new rows are scrolled to that end at once: left at the old offset, the rows in
  // view would be the new window's first, which would read the page before them meanwhile.
  await nextTick()
  el.scrollTop = edge === 'end' ? el.scrollHeight : 0
  await move.focus(edge === 'end' ? move.count() - 1 : 0)
}
