/**
 * The action outbox as the page sees it: pending actions (their rows already show the change),
 * outcomes not yet dismissed, the rows picked for a bulk assignment, and the assign dialog's target.
 * Outcomes that arrive live are also announced through the notifications store.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import type { Id } from '@shared/domain'
import { isActiveAction, type OutboxAction, type OutboxEnqueueResult } from '@shared/ipc/outbox'
import { MAX_PICKED, type SpreadTarget } from '@shared/ipc/contract'
import { call, onEventsMissed, subscribe } from '@renderer/api/client'
import { useConnectionStore } from './connection'
import { errorCode } from './errors'
import { useNotificationsStore, type Notice, type NoticeAction } from './notifications'
import { DONE_NOTICE, failureNotice, LEADS_TO_CHAT, leftOutNotice, outcomeGroup, refusalNotice } from './outbox-notices'
import { useWorkspaceStore } from './workspace'
import { serverNow } from '@renderer/utils/time'

/** How long outcomes keep coming before they are told (see tellSoon): a burst's are milliseconds apart. */
export const OUTCOME_SETTLE_MS = 150
/** Longest a batch's outcomes wait, with no new one of it coming, for the rest of it (see tellSettled). */
export const OUTCOME_HOLD_MS = 3_000

/**
 * Tells which batch an action's outcome belongs to: its own enqueue, or the connection that
 * finally sent it when it was queued before that connection began (offline, or before the page
 * started). Until the first connection state is known, every action is its own enqueue's.
 */
function batchOf(): (action: OutboxAction) => string {
  const connection = useConnectionStore()
  /** When the current connection began; +∞ while offline (everything waits), −∞ before the first state. */
  let since = Number.NEGATIVE_INFINITY
  /** Counts the outages, so the outcomes of one never join a toast left from another's. */
  let outages = 0
  watch(
    () => connection.state?.status,
    (status) => {
      if (status === 'offline' && since !== Number.POSITIVE_INFINITY) {
        since = Number.POSITIVE_INFINITY
        outages += 1
      } else if ((status === 'online' || status === 'syncing') && !Number.isFinite(since)) {
        since = serverNow()
      }
    },
    // Synchronously: an outcome may come in the same turn as the news of the connection.
    { immediate: true, flush: 'sync' },
  )
  return (action) => (action.createdAt < since ? `held-${outages}` : `${action.createdAt}`)
}

/** Says a failure to queue where the supervisor is looking (an open dialog) and answers true, or leaves it to a toast. */
export type FailureTeller = (failure: unknown) => boolean

export interface DialogTarget {
  mode: 'assign' | 'transfer'
  conversationIds: Id[]
  /** The customer's name when there is one conversation, for the dialog's description. */
  customerName: string | null
  /** Transfer: the agent who has it now (left out of the choices). */
  currentAgentId: Id | null
}

export const useOutboxStore = defineStore('outbox', () => {
  const notifications = useNotificationsStore()
  const workspace = useWorkspaceStore()
  const batch = batchOf()
  const actions = ref<Map<Id, OutboxAction>>(new Map())
  const selection = reactive(new Set<Id>())
  const selectionNames = reactive(new Map<Id, string>())
  /** Assign selected to me waits for Observe with the picks (assignPicks): they hold still until it ends. */
  const assigningPicks = ref(false)
  /** The filters changed while the picks were held: they are let go once the call ends (clearSelectionSoon). */
  let clearAfterCall = false
  const dialog = ref<DialogTarget | null>(null)
  /** Force Distribution's dialog, open for the queue under the page's filters or for the picked chats. */
  const spreadFor = ref<SpreadTarget | null>(null)
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

  /**
   * The "N assignments queued" toast of each action queued with others. Its first outcome takes its
   * place: "21 chats assigned" beside "21 assignments queued" read as two different things.
   */
  const queuedNotice = new Map<Id, number>()

  function outcomeReplacesQueued(action: OutboxAction): void {
    const notice = queuedNotice.get(action.id)
    if (notice === undefined) return
    notifications.closeToast(notice)
    for (const [id, of] of queuedNotice) if (of === notice) queuedNotice.delete(id)
  }

  /**
   * The refusal toast telling each refused action. A refusal stays until dismissed, and so does its
   * toast (errors never fade); dismissed from the row or Pending actions, here or in another tab,
   * the toast went on saying so until closed by hand. It closes once all it tells are dismissed.
   */
  const refusalToast = new Map<Id, number>()

  function refusalDismissed(id: Id): void {
    const notice = refusalToast.get(id)
    if (notice === undefined) return
    refusalToast.delete(id)
    if (![...refusalToast.values()].includes(notice)) notifications.closeToast(notice)
  }

  /**
   * Outcomes that come together (a bulk assignment or a spread settling chat after chat, a few
   * milliseconds apart) are told in one go: told one by one, the grouped toast changed with each,
   * and a screen reader heard "2 chats assigned", "3 chats assigned"… in a row. The rows and
   * Pending actions show each outcome at once; only the telling waits for the burst to settle.
   */
  const heard: { before: OutboxAction | undefined; after: OutboxAction; batch: string }[] = []
  /** How many settle periods each batch's untold outcomes have waited with no new one of it. */
  const heldFor = new Map<string, number>()
  /** Batches with an outcome since the last look: still moving. */
  const moving = new Set<string>()
  let telling: ReturnType<typeof setTimeout> | null = null
  function tellSoon(before: OutboxAction | undefined, after: OutboxAction): void {
    const key = batch(after)
    heard.push({ before, after, batch: key })
    moving.add(key)
    telling ??= setTimeout(tellSettled, OUTCOME_SETTLE_MS)
  }

  /**
   * Tells each batch once it has settled: nothing came for a moment and none of its actions is
   * still on its way. A slow server answers a reconnect's batch seconds apart (one at a time, 400
   * ms each), and its toast read "7 chats assigned", "15", "23", then "30" (a helper's offline
   * audit). A batch whose outcomes stop coming for OUTCOME_HOLD_MS while one is still on its way
   * (retrying, say) is told all the same, and any later outcome joins its toast.
   */
  function tellSettled(): void {
    telling = null
    const going = new Set(pending.value.map((action) => batch(action)))
    for (const key of new Set(heard.map((h) => h.batch))) heldFor.set(key, moving.has(key) ? 1 : (heldFor.get(key) ?? 0) + 1)
    moving.clear()
    const ready = (key: string): boolean => !going.has(key) || (heldFor.get(key) ?? 0) * OUTCOME_SETTLE_MS >= OUTCOME_HOLD_MS
    const held = heard.filter((h) => !ready(h.batch))
    for (const { before, after, batch: key } of heard.filter((h) => ready(h.batch))) {
      heldFor.delete(key)
      announce(before, after, key)
    }
    heard.splice(0, heard.length, ...held)
    if (held.length > 0) telling = setTimeout(tellSettled, OUTCOME_SETTLE_MS)
  }

  function announce(before: OutboxAction | undefined, after: OutboxAction, batchKey: string): void {
    if (before?.state === after.state) return
    if (after.state === 'done' || after.state === 'rejected' || after.state === 'cancelled') outcomeReplacesQueued(after)
    const params = { customer: after.customerName, agent: agentName(after.agentId) }
    const open: NoticeAction = { kind: 'openConversation', id: after.conversationId, dataset: after.datasetId }
    if (after.state === 'done') {
      // Assign to me: the supervisor reads "to you", as Log History says "(you)", not their own name.
      const key = DONE_NOTICE[after.kind][after.agentId === workspace.me?.id ? 'toYou' : 'toAgent']
      notifications.push('success', key, params, open, outcomeGroup(after, batchKey))
    } else {
      // Dismissed while its burst settled (from its row, or another tab): the supervisor has read
      // it, and an error toast stays until closed by hand, telling what is already put away.
      if (after.state === 'rejected' && !actions.value.has(after.id)) return
      const why = refusal(after)
      if (why) {
        const notice = notifications.push('error', why.key, why.params, LEADS_TO_CHAT.has(after.rejection!.code) ? open : undefined, outcomeGroup(after, batchKey))
        refusalToast.set(after.id, notice.id)
      }
    }
  }

  function merge(changed: readonly OutboxAction[], live: boolean): void {
    const next = new Map(actions.value)
    for (const action of changed) {
      if (live) tellSoon(next.get(action.id), action)
      if (action.dismissed) refusalDismissed(action.id)
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
        refusalDismissed(id)
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
    if (result.actions.length > 1) {
      const notice = notifications.push('info', 'outbox.notice.queuedMany', { count: result.actions.length })
      for (const action of result.actions) queuedNotice.set(action.id, notice.id)
    }
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

  function openDialog(target: DialogTarget): void {
    dialog.value = target
    void workspace.load()
  }

  function closeDialog(): void {
    dialog.value = null
  }

  function openSpread(target: SpreadTarget): void {
    spreadFor.value = target
    void workspace.load()
  }

  function closeSpread(): void {
    spreadFor.value = null
  }

  // Picked rows and an open dialog name chats by id, which other data gives to other customers.
  workspace.onOtherData(() => {
    clearSelection()
    closeDialog()
    closeSpread()
  })

  function start(): void {
    unsubscribe ??= subscribe('outbox:changed', ({ actions: changed }) => merge(changed, true))
    offMissed ??= onEventsMissed(() => void load(true))
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    offMissed?.()
    offMissed = null
    if (telling) clearTimeout(telling)
    telling = null
    heard.length = 0
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
    dialog,
    spreadFor,
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
    openDialog,
    closeDialog,
    openSpread,
    closeSpread,
    start,
    stop,
  }
})
