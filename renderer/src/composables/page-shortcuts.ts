/**
 * The Customer page's keys, for a supervisor who changes what they look at dozens of times an hour:
 * "/" or Ctrl+F (⌘F on a Mac) goes to the search, Alt+1, Alt+2 and Alt+3 to the tabs, from any
 * page (the queue is what they reach for). None of them while a dialog is open (it keeps the
 * keyboard), and "/" not while typing in a field.
 */
import { onBeforeUnmount, onMounted } from 'vue'
import { TAB_KEYS, type Tab } from '@shared/ipc/contract'

/** Alt+1, Alt+2, Alt+3: the tabs in the order they are shown. */
const tabOfKey = (code: string): Tab | undefined => (/^Digit[1-9]$/.test(code) ? TAB_KEYS[Number(code.slice(-1)) - 1] : undefined)

/** What aria-keyshortcuts says for each, so a screen reader can tell. */
export const SEARCH_KEYS = '/ Control+F Meta+F'
export const tabKeys = (tab: Tab): string => `Alt+${TAB_KEYS.indexOf(tab) + 1}`

export interface PageShortcutActions {
  focusSearch: () => void
  /** Also while another page is in front: it brings the Customer page forward on that tab. */
  selectTab: (tab: Tab) => void
  /** False while another page is in front: "/" and Ctrl+F are then that page's (Ctrl+F the browser's). */
  searchEnabled?: () => boolean
}

/** A field that takes text (or a choice) from the keyboard: "/" is a character there, not the search key. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type))
}

export function usePageShortcuts(actions: PageShortcutActions): void {
  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return
    if (document.querySelector('[role="dialog"][aria-modal="true"]')) return
    const command = event.ctrlKey || event.metaKey
    const searchKey = (event.key === '/' && !command && !event.altKey && !isTyping(event.target)) || (command && !event.altKey && !event.shiftKey && event.code === 'KeyF')
    const search = searchKey && actions.searchEnabled?.() !== false
    if (search) {
      event.preventDefault()
      actions.focusSearch()
      return
    }
    // By the key's place, not its character: Alt+1 on a Mac types "¡".
    const tab = event.altKey && !command && !event.shiftKey ? tabOfKey(event.code) : undefined
    if (tab) {
      event.preventDefault()
      actions.selectTab(tab)
    }
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
