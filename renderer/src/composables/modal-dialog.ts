/**
 * What every modal dialog of the app does with the keyboard: focus moves in when it opens, Tab
 * and Shift+Tab go round inside it, Esc closes it, and focus goes back where the supervisor was.
 * The dialog's element is made focusable (tabindex -1), so a click on its text keeps the focus
 * inside it rather than dropping it to the page's body, out of reach of Esc. The page behind it is
 * inert while it is open: aria-modal alone hides the page only from screen readers that honour it.
 */
import { inertOthers } from 'aria-hidden'
import { nextTick, onBeforeUnmount, onMounted, onUpdated, type Ref } from 'vue'

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'
/** Left out of the inert page: a toast or the connection's state that comes while a dialog is open is still heard. */
const LIVE_REGION = '[aria-live], [role="alert"], [role="status"]'

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
  let releasePage: (() => void) | null = null

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
    const dialog = options.dialog.value
    dialog?.setAttribute('tabindex', '-1')
    if (dialog) releasePage = inertOthers([dialog, ...document.body.querySelectorAll(LIVE_REGION)])
    await nextTick()
    options.initialFocus()?.focus()
  })

  // What the dialog shows follows the floor while it is open: an agent filling up disables their
  // radio, a chat taken meanwhile disables Assign. Chromium drops the focus of a control disabled
  // or removed under it to the page's body, out of reach of Esc; the dialog itself takes it, and
  // Tab goes on from its ends.
  onUpdated(() => {
    const dialog = options.dialog.value
    if (dialog && (document.activeElement === null || document.activeElement === document.body)) dialog.focus()
  })

  onBeforeUnmount(() => {
    // First: an inert opener cannot take the focus back.
    releasePage?.()
    // Back to where the supervisor was, or as near as the page still has: never to the body. The
    // opener may be gone, or still there but disabled by what the dialog did (a full floor).
    opener?.focus()
    if (!opener || document.activeElement !== opener) options.returnFocus?.()?.focus()
  })

  return { onKeydown }
}
