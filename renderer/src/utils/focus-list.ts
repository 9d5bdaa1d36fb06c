import type { Page } from '@renderer/stores/pages'

const PANELS: Record<Page, string> = { customer: 'conversations-panel', logHistory: 'log-history-panel' }

/**
 * Focuses a page's list: the row that holds its tab stop, or the list itself when it has no rows.
 * It is where the skip link leads, and where the focus goes when what held it goes away (a closed
 * toast, the bar for picked rows, a row that left its tab) instead of dropping to the page's body.
 */
export function focusList(page: Page): void {
  listTarget(page)?.focus()
}

/** Where focusList puts the focus: the row that holds the list's tab stop, else the list's panel. */
export function listTarget(page: Page): HTMLElement | null {
  const panel = document.getElementById(PANELS[page])
  return panel?.querySelector<HTMLElement>('[role="table"] [role="row"][tabindex="0"]') ?? panel
}

/** Focuses one of a page's rows, by its id; the list as focusList does when that row is not there (gone from its tab, or from the log kept). */
export function focusListRow(page: Page, id: number): void {
  const row = document.getElementById(PANELS[page])?.querySelector<HTMLElement>(`[role="table"] [role="row"][data-id="${id}"]`)
  if (row) row.focus()
  else focusList(page)
}
