import { computed, ref, type ComputedRef, type Ref } from 'vue'
import { useElementBounding, useWindowSize } from '@vueuse/core'

/**
 * How far up from the window's bottom the toasts reach while they sit in their bottom corner (0
 * with none, or while they are up in the top corner). The conversation list and Log History end
 * above them: over the list's rows they hid the Waiting column and the rows' Assign in a small
 * window, and in a larger one still the waits of the rows at the bottom. The list gets shorter
 * rather than its columns moving, so no row or button shifts under the pointer when a toast comes
 * or goes.
 */
export const toastRoom = ref(0)
/** Where the toasts begin from the window's left, in px: beside the open detail they may not reach the list at all. */
export const toastLeft = ref(Number.POSITIVE_INFINITY)

/**
 * How many toasts (errors aside) are shown at once in a window this tall: each one the list makes
 * room for takes its rows, and a 640 px window keeps only about seven. The others are still listed
 * under Pending actions.
 */
export function toastsShown(windowHeight: number, most: number): number {
  if (windowHeight < 760) return 1
  if (windowHeight < 1000) return Math.min(2, most)
  return most
}

/**
 * The toasts in view, newest first: the newest `room` of those nobody is reading, and besides them
 * each one being read (the pointer on it or the focus in it), which stays however many come after
 * it. One being read never takes a newer one's place: in a window with room for one, the next notices
 * (a long wait, an assignment's outcome) waited unseen, and unheard, behind the toast the pointer
 * happened to rest on. Newer toasts come in above it, so the one under the pointer does not move.
 */
export function toastsInView<T extends { id: number }>(toasts: readonly T[], isHeld: (id: number) => boolean, room: number): T[] {
  const held = toasts.filter((toast) => isHeld(toast.id)).length
  let free = Math.max(1, room - held)
  return toasts.filter((toast) => isHeld(toast.id) || free-- > 0)
}

/** A gap between a list's foot and the toasts over the room it leaves them. */
const TOAST_GAP_PX = 8
/**
 * Toasts reaching no further over a list than its scroll bar leave it its rows: beside the open
 * detail they sit over the detail, and a list cut short there only lost rows.
 */
const TOAST_OVERLAP_PX = 24

/** The least height a list keeps for its header, three rows and its footer (`--list-floor` in main.css), in px. */
function listFloorPx(): number {
  const root = getComputedStyle(document.documentElement)
  const rem = parseFloat(root.fontSize) || 16
  return (parseFloat(root.getPropertyValue('--list-floor')) || 16) * rem
}

/**
 * The room `list` keeps under its last row for the toasts, in px: none while they are not over it.
 * None either where the room would take the rows below their floor (a short window, or zoomed in:
 * at 200% a toast's room left one row of the queue): there the toasts lie over the list's end, and
 * the rows stay. `above` is what the list holds over its rows (a strip), which the floor leaves out.
 */
export function useToastRoom(list: Ref<HTMLElement | null>, above: () => number = () => 0): ComputedRef<number> {
  const { right, height } = useElementBounding(list)
  return computed(() => {
    if (toastRoom.value === 0 || toastLeft.value >= right.value - TOAST_OVERLAP_PX) return 0
    const room = toastRoom.value + TOAST_GAP_PX
    return height.value - above() - room >= listFloorPx() ? room : 0
  })
}

/**
 * The room a scroll box keeps past its end for the toasts lying over its foot, in px: the open
 * detail's thread opens at its newest messages, the ones the supervisor reads first, and those sat
 * under the toasts with no way to scroll them clear. Unlike the list it needs no floor: the room
 * only lets its end scroll further, and takes nothing from what it shows. Measured against `frame`,
 * the box the layout sizes whose foot the scroll box's end reaches (the detail panel), not the box
 * itself: where the panel scrolls (a short window, zoomed in) the thread grows by its room, and
 * measured by its own foot the room moved that foot and was measured again, without end.
 */
export function useToastRoomAtEnd(frame: Readonly<Ref<HTMLElement | null>>): ComputedRef<number> {
  const { right, bottom } = useElementBounding(frame)
  const { height: windowHeight } = useWindowSize()
  return computed(() => {
    if (toastRoom.value === 0 || toastLeft.value >= right.value) return 0
    const over = toastRoom.value - (windowHeight.value - bottom.value)
    return over > 0 ? over + TOAST_GAP_PX : 0
  })
}
