/** The three tab counts. Pushed by 'counts:changed'; read once at start. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { TabCounts } from '@shared/ipc/contract'
import { call, subscribe } from '@renderer/api/client'

export const useCountsStore = defineStore('counts', () => {
  const counts = ref<TabCounts | null>(null)
  let token = 0
  let unsubscribe: (() => void) | null = null

  async function load(): Promise<void> {
    const mine = ++token
    try {
      const value = await call('conversations:counts', { filters: {} })
      if (mine === token) counts.value = value
    } catch {
      // Keep the last counts; the next push or reload replaces them.
    }
  }

  function start(): void {
    unsubscribe ??= subscribe('counts:changed', (value) => {
      // A push is newer than any read still in flight.
      token += 1
      counts.value = value
    })
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  return { counts, load, start, stop }
})
