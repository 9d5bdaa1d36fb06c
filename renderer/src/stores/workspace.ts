/** Agents, labels and channels by id, for names and colours in lists and the detail. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Agent, Channel, Label } from '@shared/domain'
import type { Workspace } from '@shared/ipc/contract'
import { call, subscribe } from '@renderer/api/client'

const byId = <T extends { id: number }>(items: readonly T[]): Map<number, T> => new Map(items.map((item) => [item.id, item]))

export const useWorkspaceStore = defineStore('workspace', () => {
  const workspace = ref<Workspace | null>(null)
  const agents = computed<Map<number, Agent>>(() => byId(workspace.value?.agents ?? []))
  const labels = computed<Map<number, Label>>(() => byId(workspace.value?.labels ?? []))
  const channels = computed<Map<number, Channel>>(() => byId(workspace.value?.channels ?? []))
  const me = computed(() => workspace.value?.me ?? null)
  let unsubscribe: (() => void) | null = null

  async function load(): Promise<void> {
    try {
      workspace.value = await call('workspace:get', {})
    } catch {
      // Names fall back to placeholders until the next load.
    }
  }

  /** Reloads after a reset (a new dataset), and once when the first sync brings names in. */
  function start(): void {
    unsubscribe ??= subscribe('cache:changed', (change) => {
      if (change.reset || (workspace.value?.agents.length ?? 0) === 0) void load()
    })
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  return { workspace, agents, labels, channels, me, load, start, stop }
})
