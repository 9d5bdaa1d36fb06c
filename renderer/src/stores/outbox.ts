/**
 * The action outbox as the page sees it: pending actions (their rows already show the change) and
 * outcomes not yet dismissed. The chats it queues leave the picks (stores/picks); outcomes that
 * arrive live are also told in toasts (outbox-telling).
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Id } from '@shared/domain'
import { isActiveAction, type OutboxAction, type OutboxEnqueueResult } from '@shared/ipc/outbox'
import { call, onEventsMissed, subscribe } from '@renderer/api/client'
import { errorCode } from './errors'
import { useNotificationsStore, type Notice } from './notifications'
import { failureNotice, leftOutNotice, refusalNotice } from './outbox-notices'
import { useOutcomeTelling } from './outbox-telling'
import { usePicksStore } from './picks'
import { useWorkspaceStore } from './workspace'

/** Says a failure to queue where the supervisor is looking (an open dialog) and answers true, or leaves it to a toast. */
export type FailureTeller = (failure: unknown) => boolean

export const useOutboxStore = defineStore('outbox', () => {
  const notifications = useNotificationsStore()
  const workspace = useWorkspaceStore()
  const picks = usePicksStore()
  const actions = ref<Map<Id, OutboxAction>>(new Map())
  const error = ref<string | null>(null)
  let unsubscribe: (() => void) | null = null
  let offMissed: (() => void) | null = null

  const list = computed(() => [...actions.value.values()].sort((a, b) => a.id - b.id))
  const pending = computed(() => list.value.filter(isActiveAction))
  /** Chats on their way to each agent: what their load, as the server last said it, does not count yet. */
  const incoming = computed(() => {
    const map = new Map<Id, number>()
    for (const action of pending.value) map.set(action.agentId, (map.get(action.agentId) ?? 0) + 1)
    return map
  })
  /**
   * The action to mark on each conversation's row: its newest pending one, or a refusal not yet
   * dismissed. Not one queued against other data, whose id may be another customer's here.
   */
  const byConversation = computed(() => {
    const map = new Map<Id, OutboxAction>()
    for (const action of list.value) {
      if (!workspace.sameData(action.datasetId)) continue
      if (isActiveAction(action) || action.state === 'rejected') map.set(action.conversationId, action)
      else map.delete(action.conversationId)
    }
    return map
  })

  /** Whether an action on this conversation waits to be sent or applied (its row shows Pending). */
  function hasPending(conversationId: Id): boolean {
    const action = byConversation.value.get(conversationId)
    return !!action && isActiveAction(action)
  }

  function agentName(id: Id): string {
    return workspace.agents.get(id)?.name ?? `#${id}`
  }

  /** Why the server refused an action, as the page words it (in a toast, on its chat, in Pending actions). */
  const refusal = (action: OutboxAction): Pick<Notice, 'key' | 'params'> | null => refusalNotice(action, agentName)

  const outcomes = useOutcomeTelling({ pending: () => pending.value, lists: (id) => actions.value.has(id), agentName })

  function merge(changed: readonly OutboxAction[], live: boolean): void {
    const next = new Map(actions.value)
    for (const action of changed) {
      if (live) outcomes.tellSoon(next.get(action.id), action)
      if (action.dismissed) outcomes.refusalDismissed(action.id)
      if (action.dismissed || action.state === 'cancelled') next.delete(action.id)
      else next.set(action.id, action)
    }
    actions.value = next
  }

  /**
   * Reads the whole outbox. `missed`: read again because its events may have been lost, so what
   * settled meanwhile is told as its event would have told it, and what was dismissed or cancelled
   * meanwhile (in another tab) leaves, as it is no longer listed.
   */
  async function load(missed = false): Promise<void> {
    try {
      const { actions: all } = await call('outbox:list', {})
      const listed = new Set(all.map((action) => action.id))
      const next = new Map(missed ? actions.value : [])
      for (const id of next.keys()) {
        if (listed.has(id)) continue
        outcomes.refusalDismissed(id)
        next.delete(id)
      }
      actions.value = next
      merge(all, missed)
    } catch (failure) {
      error.value = errorCode(failure)
    }
  }

  /** `agentId`: the agent the chats were for, named by a notice about chats already with them. */
  function queued(result: OutboxEnqueueResult, agentId: Id | null): OutboxEnqueueResult {
    // The core starts sending at once, and its events can reach the page before this answer: an
    // action already told as on its way went back to "Waiting", with a Cancel that could only fail.
    // The answer tells how each action was queued, so what the events told since stands.
    merge(
      result.actions.filter((action) => !actions.value.has(action.id)),
      false,
    )
    outcomes.tellQueued(result.actions)
    // A notice for each reason chats were left out, in the order the first of each came: each says its own why.
    for (const reason of new Set(result.skipped.map((skip) => skip.reason))) {
      const leftOut = result.skipped.filter((skip) => skip.reason === reason)
      const names = leftOut.map((skip) => skip.customerName ?? picks.selectionNames.get(skip.conversationId) ?? null)
      const notice = leftOutNotice(reason, names, agentId === null ? '' : agentName(agentId))
      notifications.push('info', notice.key, notice.params)
    }
    return result
  }

  /**
   * Queues through the main process; the chats queued leave the pick. A failure to queue is said,
   * never thrown: by `tellsFailure` when it will, else in a toast. `agentId`: the one agent all of
   * it is for, when it is.
   */
  async function enqueue(
    request: Promise<OutboxEnqueueResult>,
    unpick: readonly Id[] = [],
    agentId: Id | null = null,
    tellsFailure: FailureTeller = () => false,
  ): Promise<OutboxEnqueueResult | null> {
    try {
      const result = queued(await request, agentId)
      picks.unpick(unpick)
      return result
    } catch (failure) {
      const code = errorCode(failure)
      if (code === 'dataset_changed') {
        // The page still showed the data from before: reading the workspace again brings the new
        // dataset in, and with it lets go of picks, open chats and dialogs (onOtherData).
        notifications.push('error', 'outbox.notice.otherData')
        void workspace.load()
      } else if (!tellsFailure(failure)) {
        const notice = failureNotice(failure)
        notifications.push('error', notice.key, notice.params)
      }
      return null
    }
  }

  /** The data the page's chats come from, sent with each action so the core can refuse it once the server holds other data. */
  const seen = (): string | null => workspace.workspace?.datasetId ?? null

  function assign(conversationIds: Id[], agentId: Id, overrideQuota = false, tellsFailure?: FailureTeller): Promise<OutboxEnqueueResult | null> {
    return enqueue(call('outbox:assign', { conversationIds, agentId, overrideQuota, dataset: seen() }), conversationIds, agentId, tellsFailure)
  }

  /** Queues a Force Distribution plan as it was shown: one assignment per chat, each while its agent still has room. */
  function spread(assignments: { conversationId: Id; agentId: Id }[], tellsFailure?: FailureTeller): Promise<OutboxEnqueueResult | null> {
    return enqueue(
      call('outbox:spread', { assignments, dataset: seen() }),
      assignments.map((a) => a.conversationId),
      null,
      tellsFailure,
    )
  }

  /**
   * Assign selected to me (the bulk bar): the picks as they are, to one agent. While its call waits
   * the picks hold still (`assigningPicks`, in stores/picks): the bar's count is what the call went
   * with and says *Assigning…* beside it, so no pick is added or let go meanwhile, not only those
   * the call took. A row picked now would join that count as if it went too, and could do nothing
   * before the call ends anyway, as the bar's other actions wait for it.
   */
  function assignPicks(agentId: Id): Promise<OutboxEnqueueResult | null> {
    return picks.holdWhile(() => assign([...picks.selection], agentId))
  }

  function transfer(conversationId: Id, agentId: Id, overrideQuota = false, tellsFailure?: FailureTeller): Promise<OutboxEnqueueResult | null> {
    return enqueue(call('outbox:transfer', { conversationId, agentId, overrideQuota, dataset: seen() }), [], agentId, tellsFailure)
  }

  async function cancel(id: Id): Promise<void> {
    try {
      merge([await call('outbox:cancel', { id })], false)
    } catch (failure) {
      // The core refuses a cancel as invalid once the action is on its way, and as not found once it
      // is gone; anything else (no answer, a lost connection) leaves it unknown whether it still goes.
      const code = errorCode(failure)
      if (code === 'invalid_input') notifications.push('error', 'outbox.notice.cancelFailed')
      else if (code === 'not_found') notifications.push('error', 'outbox.notice.cancelGone')
      else notifications.push('error', 'outbox.notice.cancelUnknown', { code })
    }
  }

  async function dismiss(id: Id): Promise<void> {
    try {
      merge([await call('outbox:dismiss', { id })], false)
    } catch {
      // Stays listed; the next load shows its real state.
    }
  }

  function start(): void {
    unsubscribe ??= subscribe('outbox:changed', ({ actions: changed }) => merge(changed, true))
    offMissed ??= onEventsMissed(() => void load(true))
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    offMissed?.()
    offMissed = null
    outcomes.stop()
  }

  return {
    actions,
    list,
    pending,
    byConversation,
    hasPending,
    refusal,
    incoming,
    error,
    load,
    assign,
    spread,
    transfer,
    cancel,
    dismiss,
    assignPicks,
    start,
    stop,
  }
})
