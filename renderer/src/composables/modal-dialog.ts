/**
 * What every modal dialog of the app does with the keyboard: focus moves in when it opens, Tab
 * and Shift+Tab go round inside it, Esc closes it, and focus goes back where the supervisor was.
 * The dialog's element is made focusable (tabindex -1), so a click on its text keeps the focus
 * inside it rather than dropping it to the page's body, out of reach of Esc.
 */
import { nextTick, onBeforeUnmount, onMounted, type Ref } from 'vue'

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'

export interface ModalDialogOptions {
  dialog: Ref<HTMLElement | null>
  /** The element that gets focus once the dialog is shown. */
  initialFocus: () => HTMLElement | null | undefined
  close: () => void
  /** Where focus goes back to when the element that opened the dialog is no longer on the page. */
  returnFocus?: () => HTMLElement | null | undefined
}

export function useModalDialog(options: ModalDialogOptions): { onKeydown: (event: KeyboardEvent) => void } {
  let opener: HTMLElement | null = null

  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      options.close()
      return
    }
    if (event.key !== 'Tab') return
    const items = [...(options.dialog.value?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]
    if (items.length === 0) return
    const first = items[0]!
    const last = items.at(-1)!
    // The dialog itself holds the focus after a click on its text: Tab goes on from its ends.
    if (document.activeElement === options.dialog.value) {
      event.preventDefault()
      ;(event.shiftKey ? last : first).focus()
    } else if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  onMounted(async () => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    options.dialog.value?.setAttribute('tabindex', '-1')
    await nextTick()
    options.initialFocus()?.focus()
  })

  onBeforeUnmount(() => {
    // Back to where the supervisor was, or as near as the page still has: never to the body. The
    // opener may be gone, or still there but disabled by what the dialog did (a full floor).
    opener?.focus()
    if (!opener || document.activeElement !== opener) options.returnFocus?.()?.focus()
  })

  return { onKeydown }
}
