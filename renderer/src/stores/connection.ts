/** The backend connection as the main process sees it: online, syncing or offline, and when last synced. */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { ConnectionState } from '@shared/ipc/contract'
import { call, subscribe } from '@renderer/api/client'
import { setClockOffset } from '@renderer/utils/time'

export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState | null>(null)
  let token = 0
  let unsubscribe: (() => void) | null = null
  // Whichever way a state arrives, the page's clocks follow the server's.
  watch(state, (value) => setClockOffset(value?.clockOffsetMs ?? 0))

  async function load(): Promise<void> {
    const mine = ++token
    try {
      const value = await call('connection:get', {})
      if (mine === token) state.value = value
    } catch {
      // The indicator keeps its last state.
    }
  }

  function start(): void {
    unsubscribe ??= subscribe('connection:changed', (value) => {
      token += 1
      state.value = value
    })
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  return { state, load, start, stop }
})
