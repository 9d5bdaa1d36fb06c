/**
 * The action outbox as the page sees it: pending actions (their rows already show the change),
 * outcomes not yet dismissed, and the rows picked for a bulk assignment.
 * Outcomes that arrive live are also told in toasts (outbox-telling).
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { Id } from '@shared/domain'
import { isActiveAction, type OutboxAction, type OutboxEnqueueResult } from '@shared/ipc/outbox'
import { MAX_PICKED } from '@shared/ipc/contract'
import { call, onEventsMissed, subscribe } from '@renderer/api/client'
import { errorCode } from './errors'
import { useNotificationsStore, type Notice } from './notifications'
import { failureNotice, leftOutNotice, refusalNotice } from './outbox-notices'
import { useOutcomeTelling } from './outbox-telling'
import { useWorkspaceStore } from './workspace'

/** Says a failure to queue where the supervisor is looking (an open dialog) and answers true, or leaves it to a toast. */
export type FailureTeller = (failure: unknown) => boolean

export const useOutboxStore = defineStore('outbox', () => {
  const notifications = useNotificationsStore()
  const workspace = useWorkspaceStore()
  const actions = ref<Map<Id, OutboxAction>>(new Map())
  const selection = reactive(new Set<Id>())
  const selectionNames = reactive(new Map<Id, string>())
  /** Assign selected to me waits for Observe with the picks (assignPicks): they hold still until it ends. */
  const assigningPicks = ref(false)
  /** The filters changed while the picks were held: they are let go once the call ends (clearSelectionSoon). */
  let clearAfterCall = false
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
      const names = leftOut.map((skip) => skip.customerName ?? selectionNames.get(skip.conversationId) ?? null)
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
      for (const id of unpick) {
        selection.delete(id)
        selectionNames.delete(id)
      }
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
   * the picks hold still (`assigningPicks`): the bar's count is what the call went with and says
   * *Assigning…* beside it, so no pick is added or let go meanwhile, not only those the call took.
   * A row picked now would join that count as if it went too, and could do nothing before the call
   * ends anyway, as the bar's other actions wait for it.
   */
  async function assignPicks(agentId: Id): Promise<OutboxEnqueueResult | null> {
    assigningPicks.value = true
    try {
      return await assign([...selection], agentId)
    } finally {
      assigningPicks.value = false
      if (clearAfterCall) {
        clearAfterCall = false
        clearSelection()
      }
    }
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

  /** The row picked or let go last: Shift picks (or lets go) every row from it. */
  let anchor: Id | null = null

  function toggleSelected(id: Id, customerName: string, on: boolean): void {
    if (assigningPicks.value) return
    if (on) {
      selection.add(id)
      selectionNames.set(id, customerName)
    } else {
      selection.delete(id)
      selectionNames.delete(id)
    }
    anchor = id
  }

  /**
   * Shift on a row's checkbox: picks, or lets go, as `on`, the rows from the last one picked or
   * let go to this one, of `rows` (the queued rows shown, in the list's order), up to a bulk
   * action's most. Without that row among them, only this one.
   */
  function toggleRange(rows: readonly { id: Id; customerName: string }[], id: Id, customerName: string, on: boolean): void {
    if (assigningPicks.value) return
    const from = rows.findIndex((row) => row.id === anchor)
    const to = rows.findIndex((row) => row.id === id)
    if (from === -1 || to === -1) return toggleSelected(id, customerName, on)
    const span = from < to ? rows.slice(from, to + 1) : rows.slice(to, from + 1).reverse()
    for (const row of span) {
      if (on && selection.size >= MAX_PICKED && !selection.has(row.id)) break
      toggleSelected(row.id, row.customerName, on)
    }
    anchor = id
  }

  /**
   * Select all queued: picks `rows` (the queued rows loaded, in the list's order) on top of what is
   * picked, up to a bulk action's most (the bar then says it is at the most).
   */
  function pickAll(rows: readonly { id: Id; customerName: string }[]): void {
    if (assigningPicks.value) return
    for (const row of rows) {
      if (selection.has(row.id)) continue
      if (selection.size >= MAX_PICKED) return
      toggleSelected(row.id, row.customerName, true)
    }
  }

  function clearSelection(): void {
    selection.clear()
    selectionNames.clear()
  }

  /**
   * The filters changed: the picks go, as rows out of sight must not be reached by a bulk action.
   * While Assign selected to me waits with them, once it ends: the chats it queued leave the pick
   * then anyway, and taking the rest away now would take the bar and its *Assigning…* mid-call.
   */
  function clearSelectionSoon(): void {
    if (assigningPicks.value) clearAfterCall = true
    else clearSelection()
  }

  // Picked rows name chats by id, which other data gives to other customers.
  workspace.onOtherData(() => clearSelection())

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
    selection,
    selectionNames,
    error,
    load,
    assign,
    spread,
    transfer,
    cancel,
    dismiss,
    assignPicks,
    assigningPicks,
    toggleSelected,
    toggleRange,
    pickAll,
    clearSelection,
    clearSelectionSoon,
    start,
    stop,
  }
})
