import { nextTick, watch } from 'vue'
import type { ConversationList } from '@renderer/stores/conversations'

/**
 * A key that moved past the rows read (a Page Up quicker than the page before it arrives) lands
 * where it pointed once that page is read, rather than on the window's first row, which is a page
 * short of it and where the next press would go on from. Kept by the row at that edge, which the
 * page read moves.
 */
interface PendingMove {
  edge: 'start' | 'end'
  anchorId: number
  past: number
}

export interface PendingMoveOptions {
  list: () => ConversationList
  scroller: () => HTMLElement | null
  /** Puts the focus on the row at this index of the window. */
  focus: (index: number) => Promise<void>
  loadMore: () => void
  loadBefore: () => void
  /** Home or End is on its way to an edge of the list: no move past the rows read begins meanwhile. */
  movingToEdge: () => boolean
}

/** The move past the rows read (row-focus.ts's `beyond`) for the keyset-paged table. */
export function usePendingMove(options: PendingMoveOptions) {
  let pendingMove: PendingMove | null = null
  const records = () => options.list().records

  /** Where the move points in the rows now: the row at its edge, and as many rows past it. */
  function moveTarget(move: PendingMove): { at: number; target: number } {
    const at = records().findIndex((row) => row.id === move.anchorId)
    return { at, target: move.edge === 'start' ? at - move.past : at + move.past }
  }

  function settleMove(): void {
    const move = pendingMove
    if (!move) return
    const list = options.list()
    const { at, target } = moveTarget(move)
    const more = move.edge === 'start' ? list.hasBefore : list.hasMore
    if (at === -1) pendingMove = null
    else if ((target >= 0 && target < records().length) || !more || list.error) {
      pendingMove = null
      void landMove(move)
    } else if (!list.isFetching) {
      if (move.edge === 'start') options.loadBefore()
      else options.loadMore()
      // Refused (the list is being read anew, say): the move ends at the rows there are.
      if (!options.list().isFetching) {
        pendingMove = null
        void landMove(move)
      }
    }
  }
  watch([records, () => options.list().isFetching, () => options.list().error], settleMove)

  async function landMove(move: PendingMove): Promise<void> {
    // After the rows read above have moved the scroll with them (keep-place.ts) and the
    // virtualizer has heard of it: a scroll to the row before then would be undone.
    await nextTick()
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
    const { at, target } = moveTarget(move)
    // Not when another move has begun meanwhile, or the focus has left the list.
    if (pendingMove || at === -1 || !options.scroller()?.contains(document.activeElement)) return
    await options.focus(target)
  }

  /** A move `past` rows beyond the window's edge: taken over (true) while there is more to read there. */
  function beyond(edge: 'start' | 'end', past: number, step: number): boolean {
    const list = options.list()
    const more = edge === 'start' ? list.hasBefore : list.hasMore
    const anchor = edge === 'start' ? list.records[0] : list.records.at(-1)
    if (!more || !anchor || options.movingToEdge()) return false
    // A second press while the first waits goes on from where the first will land.
    pendingMove = pendingMove?.edge === edge ? { ...pendingMove, past: pendingMove.past + step } : { edge, anchorId: anchor.id, past }
    settleMove()
    return true
  }

  /** Another move (a row focused, Home or End) replaces the one waiting. */
  function dropMove(): void {
    pendingMove = null
  }

  return { beyond, dropMove }
}
