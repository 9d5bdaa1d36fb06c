/** Agents, labels and channels by id, for names and colours in lists and the detail. */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Agent, Channel, Label } from '@shared/domain'
import type { Workspace } from '@shared/ipc/contract'
import { call, subscribe } from '@renderer/api/client'
import { coalesce } from '@renderer/utils/coalesce'

export const WORKSPACE_REFRESH_MS = 3_000

const byId = <T extends { id: number }>(items: readonly T[]): Map<number, T> => new Map(items.map((item) => [item.id, item]))

export const useWorkspaceStore = defineStore('workspace', () => {
  const workspace = ref<Workspace | null>(null)
  const agents = computed<Map<number, Agent>>(() => byId(workspace.value?.agents ?? []))
  const labels = computed<Map<number, Label>>(() => byId(workspace.value?.labels ?? []))
  const channels = computed<Map<number, Channel>>(() => byId(workspace.value?.channels ?? []))
  const me = computed(() => workspace.value?.me ?? null)
  /**
   * Whether something read under `dataset` still names the same customers: a conversation id from
   * other data (the server reseeded or restored) may be another customer's here. Unknown on
   * either side counts as the same.
   */
  const sameData = (dataset: string | null | undefined): boolean => {
    const current = workspace.value?.datasetId ?? null
    return dataset == null || current === null || dataset === current
  }
  /**
   * Calls `then` when the server turns out to hold other data than before (reseeded or restored):
   * ids held from before (a chat open, rows picked, a dialog's chat) now name other customers.
   */
  const onOtherData = (then: () => void): void => {
    watch(
      () => workspace.value?.datasetId ?? null,
      (next, previous) => {
        if (previous !== null && next !== null && next !== previous) then()
      },
    )
  }
  /** An agent's name; null for nobody, or for an agent the workspace does not list (yet). */
  const agentName = (id: number | null): string | null => (id === null ? null : (agents.value.get(id)?.name ?? null))
  /** A conversation's labels, leaving out any the workspace does not list (yet). */
  const labelsOf = (ids: readonly number[]): Label[] => ids.flatMap((id) => labels.value.get(id) ?? [])
  /** The account a channel speaks as (a phone number, a page); null when the workspace does not say. */
  const accountOf = (channelId: number): string | null => channels.value.get(channelId)?.account ?? null
  let unsubscribe: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  /** One read at a time: asked again meanwhile, it reads once more after, so the last answer is current. */
  const load = coalesce(async () => {
    try {
      workspace.value = await call('workspace:get', {})
    } catch {
      // Names fall back to placeholders until the next load.
    }
  })

  /** Agents' load and presence move with the floor: re-read at most every few seconds. */
  function scheduleLoad(): void {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      void load()
    }, WORKSPACE_REFRESH_MS)
  }

  /** Reloads when the cache says agents, labels or channels changed, after a reset (a new dataset), once when the first sync brings names in, and as counts move. */
  function start(): void {
    if (unsubscribe) return
    const offCache = subscribe('cache:changed', (change) => {
      if (change.reset || (workspace.value?.agents.length ?? 0) === 0) void load()
    })
    // A backend that does not announce agents' changes still moves the counts as chats are taken.
    const offCounts = subscribe('counts:changed', () => scheduleLoad())
    const offWorkspace = subscribe('workspace:changed', () => void load())
    unsubscribe = () => {
      offCache()
      offCounts()
      offWorkspace()
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    if (timer) clearTimeout(timer)
    timer = null
  }

  return { workspace, agents, labels, channels, me, sameData, onOtherData, agentName, labelsOf, accountOf, load, start, stop }
})
