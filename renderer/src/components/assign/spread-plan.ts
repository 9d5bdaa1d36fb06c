import { onScopeDispose, ref, type Ref } from 'vue'
import type { SpreadPlan, SpreadTarget } from '@shared/ipc'
import { call, subscribe } from '@renderer/api/client'
import { errorCode } from '@renderer/stores/errors'
import { coalesce } from '@renderer/utils/coalesce'

/**
 * At most two plans a second: a live burst changes the cache every frame, and each plan is a read
 * on the main process's thread. Half a second is also about as often as a table can change under
 * someone reading it.
 */
export const SPREAD_REPLAN_MS = 500

/**
 * The Force Distribution plan for its target (the queue under filters, or picked chats), kept current while the dialog is
 * open: chats arrive and are taken, agents come and go, and the plan the supervisor confirms must
 * be the floor as it is. Reads coalesce: changes during a read, or within SPREAD_REPLAN_MS of its
 * start, ask for one more read after it.
 */
export function useSpreadPlan(target: SpreadTarget): { plan: Ref<SpreadPlan | null>; error: Ref<string | null>; refresh: () => void } {
  const plan = ref<SpreadPlan | null>(null)
  const error = ref<string | null>(null)
  let stopped = false
  const read = coalesce(async () => {
    try {
      const next = await call('outbox:planSpread', target)
      if (!stopped) {
        plan.value = next
        error.value = null
      }
    } catch (failure) {
      if (!stopped) error.value = errorCode(failure)
    }
  }, SPREAD_REPLAN_MS)

  const offCache = subscribe('cache:changed', () => void read())
  // An action settling or refused moves an agent's room without touching a waiting row.
  const offOutbox = subscribe('outbox:changed', () => void read())
  onScopeDispose(() => {
    stopped = true
    read.stop()
    offCache()
    offOutbox()
  })
  void read()
  return { plan, error, refresh: () => void read() }
}
