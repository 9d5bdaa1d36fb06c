/**
 * The outbox's writes: queue an action together with its optimistic change, settle it together
 * with the server's truth, cancel, dismiss. Each is one SQLite transaction, so the cache and the
 * queue can never disagree, not even after a crash.
 */
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { customerLabel, type Conversation } from '../../../shared/domain'
import { isCancellable, type OutboxActionKind, type OutboxEnqueueResult, type OutboxRejection, type OutboxSkip } from '../../../shared/ipc'
import type { ActionRejectedError } from '../backend/errors'
import type { Log } from '../log'
import { getConversation, upsertConversations } from '../db/queries/conversations'
import {
  activeActionsFor,
  applyOverlay,
  getAction,
  insertAction,
  markDismissed,
  markSettled,
  publicAction,
  restoreBase,
  saveBase,
  serverView,
  type StoredAction,
} from '../db/queries/outbox'
import { readSyncState } from '../db/queries/sync-state'
import { getAgent } from '../db/queries/workspace'

/** What a write changed, for the events: the actions and the conversations whose rows moved. */
export interface OutboxChange {
  actionIds: number[]
  conversationIds: number[]
}

export interface EnqueueArgs {
  kind: OutboxActionKind
  conversationIds: readonly number[]
  agentId: number
  overrideQuota: boolean
  /** The dataset the page acted on (SeenDataset). */
  seenDataset: string | null
  now: number
}

/**
 * The page acted on other data than the cache holds now: the server was reseeded or restored
 * and the sync has moved the cache over, while the page still showed the old rows. Its ids may
 * name other customers here, so nothing is queued. The pusher's own check (dataset_changed at
 * send time) cannot catch this: such an action is stamped with the new dataset and would be sent.
 */
export class OtherDatasetError extends Error {
  constructor(
    readonly seen: string | null,
    readonly held: string | null,
  ) {
    super(`the page acted on dataset ${seen ?? '(none)'}; the cache now holds ${held ?? '(none)'}`)
    this.name = 'OtherDatasetError'
  }
}

/** Throws OtherDatasetError unless the cache holds the data the page saw; read inside the queuing transaction, so a switch cannot slip in between. */
export function checkSeenDataset(db: Database, seen: string | null): string | null {
  const { datasetId } = readSyncState(db)
  if (datasetId !== seen) throw new OtherDatasetError(seen, datasetId)
  return datasetId
}

/** A chat left out of what was queued, named as the page shows it (null: the cache no longer holds it). */
export function skipOf(conversationId: number, reason: OutboxSkip['reason'], shown: Conversation | null): OutboxSkip {
  return { conversationId, reason, customerName: shown ? customerLabel(shown.customer, shown.ticketNo) : null }
}

/** Why a conversation cannot take this action, judged on what the supervisor sees (the overlay included). */
function skipReason(kind: OutboxActionKind, shown: Conversation | null, agentId: number): OutboxSkip['reason'] | null {
  if (!shown) return 'not_found'
  if (kind === 'assign' && shown.status !== 'in_queue') return 'not_in_queue'
  if (kind === 'transfer' && shown.status !== 'handled') return 'not_handled'
  if (kind === 'transfer' && shown.agentId === agentId) return 'same_agent'
  return null
}

export function enqueue(db: Database, args: EnqueueArgs): { result: OutboxEnqueueResult; change: OutboxChange } {
  return db
    .transaction(() => {
      const result: OutboxEnqueueResult = { actions: [], skipped: [] }
      const datasetId = checkSeenDataset(db, args.seenDataset)
      const ids: number[] = []
      for (const conversationId of new Set(args.conversationIds)) {
        const shown = getConversation(db, conversationId)?.conversation ?? null
        const reason = skipReason(args.kind, shown, args.agentId)
        if (reason || !shown) {
          result.skipped.push(skipOf(conversationId, reason ?? 'not_found', shown))
          continue
        }
        saveBase(db, conversationId)
        const action = insertAction(db, {
          key: randomUUID(),
          kind: args.kind,
          conversationId,
          customerName: customerLabel(shown.customer, shown.ticketNo),
          agentId: args.agentId,
          overrideQuota: args.overrideQuota,
          // What the supervisor saw, earlier queued actions included: a transfer after an assign
          // moves the chat from the agent that assign gives it to.
          fromAgentId: args.kind === 'transfer' ? shown.agentId : null,
          datasetId,
          now: args.now,
        })
        applyOverlay(db, conversationId)
        result.actions.push(publicAction(action))
        ids.push(conversationId)
      }
      return { result, change: { actionIds: result.actions.map((a) => a.id), conversationIds: ids } }
    })
    .immediate()
}

/** Takes an action out of the active set: when none is left on its conversation the row goes back to the server's values. */
function retire(db: Database, action: StoredAction): void {
  const rest = activeActionsFor(db, action.conversationId)
  if (rest.length === 0) restoreBase(db, action.conversationId)
  else applyOverlay(db, action.conversationId)
}

/** The server applied it: its answer becomes the cached truth, its times judged by the server's clock `now`. */
export function settleDone(db: Database, actionId: number, conversation: Conversation, now: number, log: Log): OutboxChange {
  return db
    .transaction((): OutboxChange => {
      const action = getAction(db, actionId)
      if (!action || (action.state !== 'sending' && action.state !== 'queued')) return { actionIds: [], conversationIds: [] }
      markSettled(db, actionId, 'done', now)
      retire(db, action)
      upsertConversations(db, [conversation], { times: { now, log } })
      return { actionIds: [actionId], conversationIds: [action.conversationId] }
    })
    .immediate()
}

/** The reason as the supervisor will read it: who has the chat now, which agent and quota. */
function describeRejection(db: Database, action: StoredAction, error: ActionRejectedError, truth: Conversation | null): OutboxRejection {
  const handlerId = error.code === 'conflict' ? (truth?.agentId ?? null) : null
  const agent = getAgent(db, action.agentId)
  const namesAgent = error.code === 'agent_offline' || error.code === 'over_quota' || error.code === 'unknown_agent'
  return {
    code: error.code,
    message: error.message,
    handledBy: handlerId === null ? null : { agentId: handlerId, name: getAgent(db, handlerId)?.name ?? `#${handlerId}` },
    ...(error.code === 'conflict' && truth ? { status: truth.status } : {}),
    agent: namesAgent && agent ? { agentId: agent.id, name: agent.name, load: agent.load, quota: agent.quota } : null,
  }
}

/**
 * The server refused it: the optimistic change goes and the row shows the server's truth (the
 * conversation from the refusal or a fresh read, else the last synced values).
 */
export function settleRejected(
  db: Database,
  actionId: number,
  error: ActionRejectedError,
  truth: Conversation | null,
  now: number,
  log: Log,
): OutboxChange {
  return db
    .transaction((): OutboxChange => {
      const action = getAction(db, actionId)
      if (!action || (action.state !== 'sending' && action.state !== 'queued')) return { actionIds: [], conversationIds: [] }
      markSettled(db, actionId, 'rejected', now, describeRejection(db, action, error, truth))
      retire(db, action)
      if (truth) upsertConversations(db, [truth], { times: { now, log } })
      return { actionIds: [actionId], conversationIds: [action.conversationId] }
    })
    .immediate()
}

export type CancelOutcome = { ok: true; change: OutboxChange } | { ok: false; reason: 'not_found' | 'not_cancellable' }

/** Withdraws an action that never went on the wire; one that did may already be applied. */
export function cancel(db: Database, actionId: number, now: number): CancelOutcome {
  return db
    .transaction((): CancelOutcome => {
      const action = getAction(db, actionId)
      if (!action) return { ok: false, reason: 'not_found' }
      if (!isCancellable(action)) return { ok: false, reason: 'not_cancellable' }
      markSettled(db, actionId, 'cancelled', now)
      markDismissed(db, actionId, now)
      retire(db, action)
      return { ok: true, change: { actionIds: [actionId], conversationIds: [action.conversationId] } }
    })
    .immediate()
}

export function dismiss(db: Database, actionId: number, now: number): StoredAction | null {
  return db
    .transaction(() => {
      const action = getAction(db, actionId)
      if (!action) return null
      if (action.state !== 'queued' && action.state !== 'sending') markDismissed(db, actionId, now)
      return getAction(db, actionId)
    })
    .immediate()
}

export { serverView }
