/**
 * When the outcomes of the supervisor's actions are told, in toasts: a burst's once it has
 * settled, a batch's together, the first in place of their "N assignments queued", and a refusal's
 * closed once all it tells are dismissed. The rows and Pending actions show each outcome at once
 * (the outbox store); only the toasts wait. How each is worded: outbox-notices.
 */
import { watch } from 'vue'
import type { Id } from '@shared/domain'
import type { OutboxAction } from '@shared/ipc/outbox'
import { serverNow } from '@renderer/utils/time'
import { useConnectionStore } from './connection'
import { useNotificationsStore, type NoticeAction } from './notifications'
import { DONE_NOTICE, LEADS_TO_CHAT, outcomeGroup, refusalNotice } from './outbox-notices'
import { useWorkspaceStore } from './workspace'

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

/** What the telling reads of the outbox. */
export interface ToldOutbox {
  /** The actions still on their way: a batch with one of them waits for it (see tellSettled). */
  pending: () => readonly OutboxAction[]
  /** Whether the outbox still lists an action (a refusal dismissed meanwhile is not). */
  lists: (id: Id) => boolean
  agentName: (id: Id) => string
}

/** Made within the outbox store's setup: the batches follow the connection for as long as the store lives. */
export function useOutcomeTelling(outbox: ToldOutbox) {
  const notifications = useNotificationsStore()
  const workspace = useWorkspaceStore()
  const batch = batchOf()

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
    const going = new Set(outbox.pending().map((action) => batch(action)))
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
    const params = { customer: after.customerName, agent: outbox.agentName(after.agentId) }
    const open: NoticeAction = { kind: 'openConversation', id: after.conversationId, dataset: after.datasetId }
    if (after.state === 'done') {
      // Assign to me: the supervisor reads "to you", as Log History says "(you)", not their own name.
      const key = DONE_NOTICE[after.kind][after.agentId === workspace.me?.id ? 'toYou' : 'toAgent']
      notifications.push('success', key, params, open, outcomeGroup(after, batchKey))
    } else {
      // Dismissed while its burst settled (from its row, or another tab): the supervisor has read
      // it, and an error toast stays until closed by hand, telling what is already put away.
      if (after.state === 'rejected' && !outbox.lists(after.id)) return
      const why = refusalNotice(after, outbox.agentName)
      if (why) {
        const notice = notifications.push('error', why.key, why.params, LEADS_TO_CHAT.has(after.rejection!.code) ? open : undefined, outcomeGroup(after, batchKey))
        refusalToast.set(after.id, notice.id)
      }
    }
  }

  /** Actions queued together (more than one) are told so in one "N assignments queued" toast, until their first outcome. */
  function tellQueued(queued: readonly OutboxAction[]): void {
    if (queued.length <= 1) return
    const notice = notifications.push('info', 'outbox.notice.queuedMany', { count: queued.length })
    for (const action of queued) queuedNotice.set(action.id, notice.id)
  }

  /** What was heard and not yet told is not told (the page stops following the outbox). */
  function stop(): void {
    if (telling) clearTimeout(telling)
    telling = null
    heard.length = 0
  }

  return { tellSoon, tellQueued, refusalDismissed, stop }
}
