import { computed, inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue'

/**
 * The buttons and checkboxes inside a conversation row follow the list's one tab stop: only the row
 * that holds it puts its controls in the tab order, so Tab goes from that row through its own
 * controls and on out of the list, instead of through every queued row's Select and Assign on the way.
 * The others are still reached with the arrow keys (the row first) and by pointer.
 */
const ROW_HOLDS_TAB_STOP: InjectionKey<Ref<boolean>> = Symbol('row holds the tab stop')

/** Called by a row: whether it holds its list's tab stop. */
export function provideRowTabStop(holds: Ref<boolean>): void {
  provide(ROW_HOLDS_TAB_STOP, holds)
}

/** The tabindex for a control that may sit in a row; outside any row (the detail panel) it is left alone. */
export function useRowControlTabindex(): ComputedRef<-1 | undefined> {
  const holds = inject(ROW_HOLDS_TAB_STOP, null)
  return computed(() => (holds && !holds.value ? -1 : undefined))
}
