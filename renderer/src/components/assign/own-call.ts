import { computed, onBeforeUnmount, ref } from 'vue'
import type { ConnectionState } from '@shared/ipc/contract'
import { LOST_OBSERVE } from '@renderer/api/ws-bridge'
import { useConnectionStore } from '@renderer/stores/connection'
import type { FailureTeller } from '@renderer/stores/outbox'

/**
 * Observe's own process is not answering the page (browser mode): paused or stuck, or its socket
 * gone. Not a server that is offline, whose actions Observe queues at once.
 */
export function observeSilent(state: ConnectionState | null): boolean {
  return state?.status === 'not_responding' || (state?.status === 'offline' && state.error === LOST_OBSERVE)
}

/**
 * A press's own call to queue an action (Assign, Transfer, Spread, Assign to me), from the press to
 * Observe's answer. Queuing answers at once, whether the server is there or not; only a silent
 * Observe keeps the press waiting, and the supervisor must see that it works, what it waits for
 * and whether the action went, rather than a dead button that a second press would send again.
 */
export function useOwnCall() {
  const connection = useConnectionStore()
  const busy = ref(false)
  /** Pressed while Observe was silent: the page holds the call back, and drops it unsent if Observe stays silent. */
  const heldBack = ref(false)
  /** Why the last call failed, while the press's own place (a dialog) said so itself. */
  const failure = ref<unknown>(null)
  let shown = true
  onBeforeUnmount(() => (shown = false))

  /** What the call waits for while Observe is silent: to be sent at all, or only Observe's answer. */
  const waiting = computed((): 'held' | 'sent' | null => {
    if (!busy.value) return null
    if (heldBack.value) return 'held'
    return observeSilent(connection.state) ? 'sent' : null
  })

  /**
   * Sends once, however often it is pressed meanwhile: a second call would queue the chats again.
   * A failure the press's place is still shown to say, it may say (a dialog); else the outbox's toast does.
   */
  async function run<T>(send: (tellsFailure: FailureTeller) => Promise<T | null>): Promise<T | null> {
    if (busy.value) return null
    busy.value = true
    heldBack.value = observeSilent(connection.state)
    failure.value = null
    try {
      return await send((reason) => {
        if (shown) failure.value = reason
        return shown
      })
    } finally {
      busy.value = false
    }
  }

  return { busy, waiting, failure, run }
}
