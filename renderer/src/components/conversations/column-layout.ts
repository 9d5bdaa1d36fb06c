import { computed } from 'vue'
import type { Tab } from '@shared/ipc/contract'
import type { Sort } from '@shared/ipc/conversation-sort'
import { columnsFor, gridTemplate, needsFor } from './columns'
import { useColumnNeeds } from './column-needs'

export interface ColumnLayoutOptions {
  tab: () => Tab
  query: () => string
  sort: () => Sort
  /** The list's inner width (without its scroll bar), which decides the columns shown; null until measured. */
  width: () => number | null
}

/** The columns a list shows at its width, and the grid they are laid out on (header and rows alike). */
export function useColumnLayout(options: ColumnLayoutOptions) {
  /** What the tab's agent and channel names, and a search's tags, need: not cut while another column has room to spare. */
  const needs = useColumnNeeds(options.tab, options.query)
  const laidOut = computed(() => needsFor(options.tab(), options.width(), needs.value))
  const columns = computed(() => columnsFor(options.tab(), options.width(), options.sort(), laidOut.value))
  const template = computed(() => gridTemplate(columns.value, laidOut.value))
  return { columns, template }
}
