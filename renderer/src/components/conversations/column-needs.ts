import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Tab } from '@shared/ipc/contract'
import { useWorkspaceStore } from '@renderer/stores/workspace'
import { cellMetrics, type CellMetrics } from './cell-metrics'
import type { ColumnNeeds, LayoutNeeds } from './columns'

/** A channel's icon (16px) and the gap after it (0.45rem), as ChannelBadge.vue draws them. */
const CHANNEL_ICON_PX = 16
const CHANNEL_ICON_GAP = 0.45

/**
 * The customer's cell while a search may tag its rows (ConversationRow.vue): the least of the
 * name worth keeping (about six letters), the unread count's pill, the tag with its padding and
 * border, and the gaps between them, in rem.
 */
const NAME_ROOM = 5
const UNREAD_ROOM = 1.15
const GAP = 0.4
const TAG_TYPE = { size: 0.6875 }
const TAG_FRAME = 0.8
const TAG_BORDER_PX = 2

function customerNeed(metrics: CellMetrics, tags: readonly string[]): number {
  const tag = Math.max(...tags.map((text) => metrics.textWidth(text, TAG_TYPE)))
  return Math.ceil(metrics.cellWidth('') + (NAME_ROOM + GAP + UNREAD_ROOM + GAP + TAG_FRAME) * metrics.rem + TAG_BORDER_PX + tag)
}

/** The widest of these texts in a cell, or 0 for none. */
const widest = (metrics: CellMetrics, texts: Iterable<string>): number => Math.max(0, ...[...texts].map((text) => metrics.cellWidth(text)))

/**
 * The widths the tab's columns need for what they show. The agent column needs room for the
 * longest name of the workspace's agents (a closed chat's "Last:" goes on a line of its own when
 * there is no room beside it); the channel column for the longest name, in the page's language, of
 * the workspace's channels, on one line or, in a list too narrow for that, on two (its longest
 * word); both from the whole workspace rather than the rows in view, so the columns hold still
 * while the list scrolls. While a search is on, the customer column keeps room for the tag that
 * says a row was found in its messages (or read from the server) beside a name still worth
 * reading. The queue's rows hold Assign, which the agent column's own minimum fits.
 * Empty until a cell has been on screen to measure.
 */
export function useColumnNeeds(tab: () => Tab, query: () => string): ComputedRef<LayoutNeeds> {
  const workspace = useWorkspaceStore()
  const { t } = useI18n()
  return computed(() => {
    const metrics = cellMetrics.value
    const oneLine: ColumnNeeds = {}
    const wrapped: ColumnNeeds = {}
    if (metrics === null) return { oneLine, wrapped }
    const channels = [...new Set([...workspace.channels.values()].map((c) => t(`channel.${c.kind}`)))]
    const icon = CHANNEL_ICON_PX + CHANNEL_ICON_GAP * metrics.rem
    if (channels.length > 0) {
      oneLine.channel = Math.ceil(widest(metrics, channels) + icon)
      wrapped.channel = Math.ceil(widest(metrics, channels.flatMap((name) => name.split(/\s+/))) + icon)
    }
    if (query().trim() !== '') oneLine.customer = customerNeed(metrics, [t('table.inMessages'), t('history.fromServer')])
    const agent = tab() === 'in_queue' ? 0 : widest(metrics, [...workspace.agents.values()].map((a) => a.name))
    if (agent > 0) oneLine.agent = agent
    return { oneLine, wrapped }
  })
}
