/**
 * A control that goes away under the keyboard (Assign once the chat is assigned, Assign to me once
 * it is handled) drops the focus to the page's body, and the supervisor starts over from the top.
 * When a re-render of this component removes the focused element inside `root`, the focus goes to
 * `fallback()` instead.
 */
import { onBeforeUpdate, onUpdated, type Ref } from 'vue'

export function useKeepFocus(root: Ref<HTMLElement | null>, fallback: () => HTMLElement | null | undefined): void {
  let hadFocus = false
  onBeforeUpdate(() => {
    hadFocus = !!root.value && root.value !== document.activeElement && root.value.contains(document.activeElement)
  })
  onUpdated(() => {
    const lost = !document.activeElement || document.activeElement === document.body
    if (hadFocus && lost) fallback()?.focus()
    hadFocus = false
  })
}
