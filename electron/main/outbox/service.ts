/**
 * The outbox as the core uses it: queue, cancel, dismiss and list for the IPC handlers, the pusher
 * in the background, and one callback for whatever changed (actions and conversation rows).
 */
import type { Database } from 'better-sqlite3'
import type { OutboxAction, OutboxActionKind, OutboxEnqueueResult, SpreadPlan, SpreadTarget } from '../../../shared/ipc'
import type { Backend } from '../backend/backend'
import { getAction, getActions, listVisibleActions, publicAction } from '../db/queries/outbox'
import type { Log } from '../log'
import type { BackoffOptions } from '../sync/backoff'
import { cancel, dismiss, enqueue, type CancelOutcome, type OutboxChange } from './outbox'
import { OutboxPusher } from './pusher'
import { enqueueSpread, makeSpreadPlan } from './spread'

export interface OutboxEvents {
  /** The actions' new state, for 'outbox:changed'. */
  actionsChanged(actions: OutboxAction[]): void
  /** Rows whose shown state moved, for 'cache:changed'. */
  conversationsChanged(ids: number[]): void
}

export interface OutboxServiceOptions {
  db: Database
  backend: Backend
  log: Log
  events: OutboxEvents
  backoff?: BackoffOptions
  now?: () => number
  /** The dataset the sync confirmed on this connection, null until it has (see OutboxPusher). */
  dataset: () => string | null
}

export class OutboxService {
  private readonly pusher: OutboxPusher
  private readonly now: () => number

  constructor(private readonly options: OutboxServiceOptions) {
    this.now = options.now ?? Date.now
    this.pusher = new OutboxPusher({ ...options, changed: (change) => this.publish(change) })
  }

  start(): void {
    this.pusher.start()
  }

  stop(): Promise<void> {
    return this.pusher.stop()
  }

  /** The backend is reachable again: whatever waits for a retry goes now. */
  online(): void {
    this.pusher.kick(true)
  }

  /** Throws OtherDatasetError when the page acted on other data than the cache holds now. */
  enqueue(kind: OutboxActionKind, conversationIds: readonly number[], agentId: number, overrideQuota: boolean, seenDataset: string | null): OutboxEnqueueResult {
    const { result, change } = enqueue(this.options.db, { kind, conversationIds, agentId, overrideQuota, seenDataset, now: this.now() })
    this.publish(change)
    this.pusher.kick()
    return result
  }

  planSpread(target: SpreadTarget): SpreadPlan {
    return makeSpreadPlan(this.options.db, target)
  }

  /** Throws OtherDatasetError as enqueue does. */
  spread(assignments: readonly { conversationId: number; agentId: number }[], seenDataset: string | null): OutboxEnqueueResult {
    const { result, change } = enqueueSpread(this.options.db, assignments, seenDataset, this.now())
    this.publish(change)
    this.pusher.kick()
    return result
  }

  cancel(id: number): CancelOutcome {
    const outcome = cancel(this.options.db, id, this.now())
    if (outcome.ok) this.publish(outcome.change)
    return outcome
  }

  dismiss(id: number): OutboxAction | null {
    const action = dismiss(this.options.db, id, this.now())
    if (action) this.publish({ actionIds: [id], conversationIds: [] })
    return action ? publicAction(action) : null
  }

  get(id: number): OutboxAction | null {
    const action = getAction(this.options.db, id)
    return action ? publicAction(action) : null
  }

  list(): OutboxAction[] {
    return listVisibleActions(this.options.db, this.now()).map(publicAction)
  }

  private publish(change: OutboxChange): void {
    if (change.actionIds.length > 0) this.options.events.actionsChanged(getActions(this.options.db, change.actionIds).map(publicAction))
    if (change.conversationIds.length > 0) this.options.events.conversationsChanged(change.conversationIds)
  }
}
