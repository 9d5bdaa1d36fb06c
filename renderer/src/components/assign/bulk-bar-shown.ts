import { computed, type ComputedRef } from 'vue'
import { useConversationsStore } from '@renderer/stores/conversations'
import { useOutboxStore } from '@renderer/stores/outbox'

/**
 * Whether the bar for picked queued rows is up: the bar shows itself by it, and the list leaves room
 * under its last row by it. Not on Handled, where the picked rows are not shown: the pick waits.
 */
export function useBulkBarShown(): ComputedRef<boolean> {
  const outbox = useOutboxStore()
  const conversations = useConversationsStore()
  return computed(() => outbox.selection.size > 0 && conversations.picksQueued)
}
