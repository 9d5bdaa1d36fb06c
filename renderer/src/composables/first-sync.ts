import { computed, type ComputedRef } from 'vue'
import { useConnectionStore } from '@renderer/stores/connection'

/**
 * Whether this cache has never caught up with the server yet (a first sign-in, a cache just made):
 * an empty tab then means "not here yet", not "nobody waiting". Unknown (no state yet) is not that.
 */
export function useNotSyncedYet(): ComputedRef<boolean> {
  const connection = useConnectionStore()
  return computed(() => connection.state !== null && connection.state.lastSyncedAt === null)
}
