import { computed, type ComputedRef } from 'vue'
import type { Tab } from '@shared/ipc/contract'
import { useWorkspaceStore } from '@renderer/stores/workspace'
import { cellMetrics } from './cell-metrics'
import type { ColumnNeeds } from './columns'

/**
 * The widths the tab's columns need for what they show. The agent column needs room for the
 * longest name of the workspace's agents (a closed chat's "Last:" goes on a line of its own when
 * there is no room beside it); from every agent rather than the rows in view, so the columns hold
 * still while the list scrolls. The queue's rows hold Assign, which the column's own minimum fits.
 * Empty until a cell has been on screen to measure.
 */
export function useColumnNeeds(tab: () => Tab): ComputedRef<ColumnNeeds> {
  const workspace = useWorkspaceStore()
  return computed(() => {
    const metrics = cellMetrics.value
    if (metrics === null || tab() === 'in_queue') return {}
    let agent = 0
    for (const { name } of workspace.agents.values()) agent = Math.max(agent, metrics.cellWidth(name))
    return agent > 0 ? { agent } : {}
  })
}
