import { ref } from 'vue'

/**
 * How far up from the window's bottom the toasts reach while they sit in their bottom corner (0
 * with none, or while they are up in the top corner). The conversation list ends above them: over
 * its rows they hid the Waiting column and the rows' Assign in a small window, and in a larger one
 * still the waits of the rows at the bottom. The list gets shorter rather than its columns moving,
 * so no row or button shifts under the pointer when a toast comes or goes.
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
