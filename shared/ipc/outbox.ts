/**
 * The action outbox as the renderer sees it: what the supervisor asked for (assign, transfer),
 * where it stands, and, once it settled, how. Rows in the conversation lists already show the
 * optimistic change; the renderer joins these actions to them by conversation id for the marks.
 */
import { z } from 'zod'
import { ConversationStatus, EpochMs, Id } from '../domain'
import { FailureReason } from './failure'

export const OutboxActionKind = z.enum(['assign', 'transfer'])
export type OutboxActionKind = z.infer<typeof OutboxActionKind>

/**
 * queued: waiting its turn (or for the connection); sending: on the wire right now; done: the
 * server applied it; rejected: the server refused it and the cache went back to the server's truth;
 * cancelled: withdrawn by the supervisor before it was ever sent.
 */
export const OutboxActionState = z.enum(['queued', 'sending', 'done', 'rejected', 'cancelled'])
export type OutboxActionState = z.infer<typeof OutboxActionState>

/**
 * Why the server refused an action. `other` covers answers this client does not know by name.
 * `dataset_changed` is Observe's own: the server came back holding other data (reseeded,
 * restored), where the action's conversation id may name another customer, so it is not sent.
 */
export const OutboxRejectionCode = z.enum([
  'conflict',
  'agent_offline',
  'over_quota',
  'unknown_agent',
  'forbidden',
  'not_found',
  'invalid_request',
  'other',
  'dataset_changed',
])
export type OutboxRejectionCode = z.infer<typeof OutboxRejectionCode>

export const OutboxRejection = z.object({
  code: OutboxRejectionCode,
  /** The server's own words, for the details line. */
  message: z.string(),
  /** conflict: who handles the conversation now (null when nobody does, e.g. it was resolved). */
  handledBy: z.object({ agentId: Id, name: z.string() }).nullable(),
  /** conflict: the conversation's status on the server then; absent where it was not known. */
  status: ConversationStatus.optional(),
  /** agent_offline, over_quota, unknown_agent: the agent the action named, as last known here. */
  agent: z.object({ agentId: Id, name: z.string(), load: z.number().int().nonnegative(), quota: z.number().int().nonnegative() }).nullable(),
})
export type OutboxRejection = z.infer<typeof OutboxRejection>

export const OutboxAction = z.object({
  /** Local order: actions are sent in ascending id. */
  id: Id,
  kind: OutboxActionKind,
  conversationId: Id,
  /** For display in the pending-actions panel, read when the action was queued. */
  customerName: z.string(),
  agentId: Id,
  overrideQuota: z.boolean(),
  state: OutboxActionState,
  /** How many times it went on the wire; above zero it can no longer be cancelled. */
  attempts: z.number().int().nonnegative(),
  /** The last transient failure (network, server error), while it waits to retry. */
  lastError: z.string().nullable(),
  /**
   * Why that failure happened, in words the page says in the supervisor's language. Null beside an
   * error stored before Observe kept a reason (its text is all there is), and with no error.
   */
  lastErrorReason: FailureReason.nullable().default(null),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  settledAt: EpochMs.nullable(),
  rejection: OutboxRejection.nullable(),
  /** The supervisor has seen the outcome and put it away. */
  dismissed: z.boolean(),
  /**
   * The server's data it was queued against (see Workspace.datasetId); null when not yet known.
   * Its conversation id names that customer only there.
   */
  datasetId: z.string().nullable(),
})
export type OutboxAction = z.infer<typeof OutboxAction>

export const isActiveAction = (action: Pick<OutboxAction, 'state'>): boolean => action.state === 'queued' || action.state === 'sending'

/** What can be cancelled: queued and never sent (once sent, the server may already have applied it). */
export const isCancellable = (action: Pick<OutboxAction, 'state' | 'attempts'>): boolean => action.state === 'queued' && action.attempts === 0

export const OutboxSkip = z.object({
  conversationId: Id,
  /**
   * Who the chat is, as the cache names it where it was left out (customerLabel), so the notice
   * can say whom; null when the cache no longer holds it.
   */
  customerName: z.string().nullable(),
  /**
   * not_found: the cache no longer holds the chat. not_in_queue (an assign): it no longer waits.
   * not_handled (a transfer): no agent has it now. same_agent (a transfer): the agent asked for has
   * it already. no_room: Force Distribution planned the chat for an agent who has no room left now
   * (another plan filled them first). The page says each as it is (leftOutNotice).
   */
  reason: z.enum(['not_found', 'not_in_queue', 'not_handled', 'same_agent', 'no_room']),
})
export type OutboxSkip = z.infer<typeof OutboxSkip>

/**
 * The server's data a page acted on: its Workspace.datasetId as last read (null before the first
 * sync). An action names its chat by id, and after a reseed or a restore the same id may be
 * another customer's; queuing refuses it (`dataset_changed`) when the cache holds other data now.
 */
export const SeenDataset = z.string().min(1).max(100).nullable()
export type SeenDataset = z.infer<typeof SeenDataset>

export const OutboxEnqueueResult = z.object({
  /** One action per conversation that could be queued, in order. */
  actions: z.array(OutboxAction),
  /** Conversations left out, and why (their state in the cache no longer fits the action). */
  skipped: z.array(OutboxSkip),
})
export type OutboxEnqueueResult = z.infer<typeof OutboxEnqueueResult>

/** Force Distribution: which waiting chat goes to which agent, as the cache sees the floor now. */
export const SpreadPlan = z.object({
  /** Longest waiting first, each within its agent's room. */
  assignments: z.array(z.object({ conversationId: Id, agentId: Id, customerName: z.string() })),
  /** Chats waiting under the filters the plan was made for: those in it and those left waiting. */
  waiting: z.number().int().nonnegative(),
})
export type SpreadPlan = z.infer<typeof SpreadPlan>
