import { ref, type Ref } from 'vue'
import { useEventListener } from '@vueuse/core'
import { ROW_HEIGHT } from './columns'

/**
 * Rows that came in above while the list held still (keep-place.ts): without a word of them, new
 * activity gathered out of sight at the top of the list. Forgotten once the top is in view again.
 */
export function useNewAbove(scroller: Ref<HTMLElement | null>, focusFirstRow: () => void) {
  const newAbove = ref(0)
  useEventListener(scroller, 'scroll', () => {
    if ((scroller.value?.scrollTop ?? 0) < ROW_HEIGHT / 2) newAbove.value = 0
  }, { passive: true })

  function showNewAbove(event: MouseEvent): void {
    // The button goes once used: the focus it held goes on to the first row, not to the page's body.
    const hadFocus = event.currentTarget === document.activeElement
    newAbove.value = 0
    scroller.value?.scrollTo({ top: 0 })
    if (hadFocus) focusFirstRow()
  }

  return {
    newAbove: newAbove as Readonly<Ref<number>>,
    showNewAbove,
    addNewAbove: (rows: number) => void (newAbove.value += rows),
    forgetNewAbove: () => void (newAbove.value = 0),
  }
}
