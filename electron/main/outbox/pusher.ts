/**
 * Drains the outbox: one action at a time, oldest first, so no conversation's actions are ever
 * reordered. Transient failures (network, 5xx, auth) keep the action at the head and retry it
 * with backoff and jitter under the same idempotency key; a refusal settles it as rejected.
 */
import type { Database } from 'better-sqlite3'
import type { Conversation } from '../../../shared/domain'
import type { Backend } from '../backend/backend'
import { ActionRejectedError, BackendError, isActionRejected } from '../backend/errors'
import { failureReason } from '../backend/failure-reason'
import { headAction, makeDueNow, markRetry, markSending, requeueSending, type StoredAction } from '../db/queries/outbox'
import type { Log } from '../log'
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from '../sync/backoff'
import { settleDone, settleRejected, type OutboxChange } from './outbox'

export interface PusherOptions {
  db: Database
  backend: Backend
  log: Log
  backoff?: BackoffOptions
  now?: () => number
  /**
   * The server's dataset as the sync confirmed it on this connection; null while offline or
   * connecting. Nothing is sent meanwhile: a server that came back may hold other data, where
   * an action's conversation id names another customer.
   */
  dataset: () => string | null
  /** After every state change of an action (sent, retried, settled). */
  changed(change: OutboxChange): void
}

export class OutboxPusher {
  private stopped = false
  private loop: Promise<void> | null = null
  private wakeUp: AbortController = new AbortController()
  /** Failures in a row of the head action, for the backoff. Restarts at zero with each new head. */
  private failures = 0
  private readonly now: () => number

  constructor(private readonly options: PusherOptions) {
    this.now = options.now ?? Date.now
  }

  start(): void {
    if (this.loop) return
    // A crash may have left an action marked as on the wire; it goes again under the same key.
    requeueSending(this.options.db, this.now())
    this.loop = this.run()
  }

  /** Something new to send, or a reason to try at once (the connection came back). */
  kick(retryNow = false): void {
    if (retryNow && !this.stopped) {
      if (makeDueNow(this.options.db, this.now()) > 0) this.failures = 0
    }
    this.wakeUp.abort()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wakeUp.abort()
    await this.loop
  }

  private async wait(ms: number | null): Promise<void> {
    if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController()
    const signal = this.wakeUp.signal
    if (ms === null) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
    else await sleep(ms, signal)
  }

  private async run(): Promise<void> {
    let lastHead: number | null = null
    while (!this.stopped) {
      const head = headAction(this.options.db)
      if (!head) {
        await this.wait(null)
        continue
      }
      if (head.id !== lastHead) {
        lastHead = head.id
        this.failures = 0
      }
      const dataset = this.options.dataset()
      if (dataset === null) {
        // The way back online kicks the pusher.
        await this.wait(null)
        continue
      }
      if (head.datasetId !== null && head.datasetId !== dataset) {
        this.forgo(head, dataset)
        continue
      }
      const delay = head.nextAttemptAt - this.now()
      if (delay > 0) {
        await this.wait(delay)
        continue
      }
      await this.send(head)
    }
  }

  /** Settles an action queued against other data than the server holds now, unsent. */
  private forgo(action: StoredAction, dataset: string): void {
    const reason = new ActionRejectedError('dataset_changed', `queued against dataset ${action.datasetId}; the server now holds ${dataset}`, 0)
    this.options.changed(settleRejected(this.options.db, action.id, reason, null, this.now(), this.options.log))
    this.options.log('warn', `outbox: ${action.kind} of conversation ${action.conversationId} not sent: the server holds another dataset`, { action: action.id })
  }

  private async send(action: StoredAction): Promise<void> {
    const { db, backend, log, changed } = this.options
    markSending(db, action.id, this.now())
    changed({ actionIds: [action.id], conversationIds: [] })
    const request = {
      conversationId: action.conversationId,
      agentId: action.agentId,
      fromAgentId: action.fromAgentId,
      overrideQuota: action.overrideQuota,
      idempotencyKey: action.idempotencyKey,
    }
    try {
      const conversation = action.kind === 'assign' ? await backend.assign(request) : await backend.transfer(request)
      changed(settleDone(db, action.id, conversation, this.now(), log))
      log('info', `outbox: ${action.kind} of conversation ${action.conversationId} applied`, { action: action.id })
    } catch (error) {
      if (this.stopped) {
        // Shutting down aborts the request; the action stays for the next start (the key makes it safe).
        markRetry(db, action.id, this.now(), 'stopped', 'interrupted', this.now())
        return
      }
      if (isActionRejected(error)) {
        const truth = error.conversation ?? (await this.refetch(action.conversationId))
        if (truth?.status === 'handled' && truth.agentId === action.agentId) {
          // Refused only because it is done already (another supervisor sent the chat to the same
          // agent first, while this one waited offline): the chat is where it was sent, which is no
          // refusal to show in red beside a row that says so.
          changed(settleDone(db, action.id, truth, this.now(), log))
          log('info', `outbox: ${action.kind} of conversation ${action.conversationId} found done already`, { action: action.id, code: error.code })
          return
        }
        changed(settleRejected(db, action.id, error, truth, this.now(), log))
        log('info', `outbox: ${action.kind} of conversation ${action.conversationId} rejected`, { action: action.id, code: error.code })
        return
      }
      if (error instanceof BackendError && error.kind === 'protocol' && error.status === undefined) {
        // An answer we cannot read: the server may have applied it. Its current word decides: the
        // chat with the action's agent is the action done, not a refusal beside a row that shows it.
        const truth = await this.refetch(action.conversationId)
        if (truth?.status === 'handled' && truth.agentId === action.agentId) {
          changed(settleDone(db, action.id, truth, this.now(), log))
          log('warn', `outbox: ${action.kind} of conversation ${action.conversationId} applied, its answer unreadable`, { action: action.id, message: error.message })
          return
        }
        changed(settleRejected(db, action.id, new ActionRejectedError('other', error.message, 200), truth, this.now(), log))
        return
      }
      const message = error instanceof Error ? error.message : String(error)
      const next = this.now() + backoffDelay(this.failures++, this.options.backoff ?? DEFAULT_BACKOFF)
      const reason = failureReason(error)
      markRetry(db, action.id, next, message, reason, this.now())
      changed({ actionIds: [action.id], conversationIds: [] })
      log('warn', 'outbox: send failed, will retry', { action: action.id, message, reason })
    }
  }

  private async refetch(conversationId: number): Promise<Conversation | null> {
    try {
      return await this.options.backend.getConversation(conversationId)
    } catch {
      // The sync brings the truth in later; meanwhile the last synced values stand.
      return null
    }
  }
}
