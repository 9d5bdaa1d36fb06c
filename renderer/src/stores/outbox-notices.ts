/**
 * How the page words what became of the supervisor's actions: a refusal and its reason, chats left
 * out of what was queued, a failure to queue, a settled action, and which toast an outcome joins.
 * Plain functions of the action: when they are told is outbox-telling's.
 */
import type { Id } from '@shared/domain'
import type { OutboxAction, OutboxActionKind, OutboxRejection, OutboxSkip } from '@shared/ipc/outbox'
import { CALL_TIMEOUT_MS } from '@renderer/api/ws-bridge'
import { callFate, errorCode } from './errors'
import type { Notice, NoticeGroup } from './notifications'

/**
 * Refusals whose chat is still there to open. Not one the server no longer has (not_found), nor
 * one from another dataset, where the same id may be another customer's.
 */
export const LEADS_TO_CHAT: ReadonlySet<OutboxRejection['code']> = new Set(['conflict', 'agent_offline', 'over_quota', 'unknown_agent', 'forbidden'])

/** What a settled action's toast says, by kind and by whom it went to (written out, to be found). */
export const DONE_NOTICE = {
  assign: { toAgent: 'outbox.notice.assigned', toYou: 'outbox.notice.assignedToYou' },
  transfer: { toAgent: 'outbox.notice.transferred', toYou: 'outbox.notice.transferredToYou' },
} as const satisfies Record<OutboxActionKind, Record<'toAgent' | 'toYou', string>>

/**
 * The message key that explains a refusal. A conflict with nobody on the chat means it moved on
 * otherwise: resolved, or back in the queue (said so when the server's answer told which); a
 * transfer's conflict names who has the chat now.
 */
export function reasonKey(rejection: OutboxRejection, kind: OutboxActionKind): string {
  if (rejection.code === 'conflict' && rejection.handledBy === null) {
    if (rejection.status === 'resolved') return 'outbox.reason.conflictResolved'
    if (rejection.status === 'in_queue') return 'outbox.reason.conflictQueued'
    return 'outbox.reason.conflictChanged'
  }
  if (rejection.code === 'conflict' && kind === 'transfer') return 'outbox.reason.conflictTransfer'
  return `outbox.reason.${rejection.code}`
}

/**
 * Why the server refused an action, as the page words it (in a toast, on its chat, in Pending
 * actions); null for an action not refused. `agentName`: how the page names the agent it was for.
 */
export function refusalNotice(action: OutboxAction, agentName: (id: Id) => string): Pick<Notice, 'key' | 'params'> | null {
  const r = action.rejection
  if (action.state !== 'rejected' || !r) return null
  return {
    key: reasonKey(r, action.kind),
    params: {
      customer: action.customerName,
      agent: agentName(action.agentId),
      handler: r.handledBy?.name ?? '',
      load: r.agent?.load ?? 0,
      quota: r.agent?.quota ?? 0,
    },
  }
}

/**
 * What the supervisor reads about chats left out of what they queued, for one reason the core
 * gave (OutboxSkip): whom, by name, for one or two, and the first two named among more, and why:
 * no longer waiting, gone from the cache, with no agent or already with the agent asked for (a
 * transfer), or, in a spread, kept in the queue for want of room. Each name is its own parameter,
 * so the page quotes each as the customer's text (QuotedWords). A chat nobody can name any more
 * (gone from the cache, and not among the picks) is only counted. `agent`: the agent the action
 * was for, which a chat already with them names.
 */
export function leftOutNotice(reason: OutboxSkip['reason'], names: readonly (string | null)[], agent = ''): Pick<Notice, 'key' | 'params'> {
  const key = (form: 'many' | 'one' | 'two' | 'amongOne' | 'among') => `outbox.notice.skipped.${reason}.${form}`
  const whose: Record<string, string> = reason === 'same_agent' ? { agent } : {}
  const count = names.length
  const [first, second] = names.filter((name): name is string => name !== null)
  if (first === undefined) return { key: key('many'), params: { count, ...whose } }
  if (count === 1) return { key: key('one'), params: { customer: first, ...whose } }
  if (second === undefined) return { key: key('amongOne'), params: { count, first, ...whose } }
  if (count === 2) return { key: key('two'), params: { first, second, ...whose } }
  return { key: key('among'), params: { count, first, second, ...whose } }
}

/**
 * The outcomes of actions queued together share a toast while it is shown; each row and Pending
 * actions still tell them one by one. Together means one enqueue (a bulk assignment, a spread:
 * one createdAt), or held back by the connection: whatever was queued before this connection
 * began drains in a row when it comes back. Actions queued apart keep a toast each, with the
 * customer's name.
 */
export function outcomeGroup(action: OutboxAction, batch: string): NoticeGroup {
  // Held back, never sent: the server now holds other data (the row and the panel say "Not sent" too).
  if (action.rejection?.code === 'dataset_changed') return { name: `outbox.notSent@${batch}`, manyKey: 'outbox.notice.notSentMany' }
  if (action.state === 'rejected') return { name: `outbox.refused@${batch}`, manyKey: 'outbox.notice.refusedMany' }
  return action.kind === 'assign'
    ? { name: `outbox.assigned@${batch}`, manyKey: 'outbox.notice.assignedMany' }
    : { name: `outbox.transferred@${batch}`, manyKey: 'outbox.notice.transferredMany' }
}

/**
 * Why an action could not be queued, as the page words it. One never sent is said to be so: the
 * supervisor may try again without doubling it; one whose answer was lost may have been queued.
 */
export function failureNotice(failure: unknown): Pick<Notice, 'key' | 'params'> {
  const fate = callFate(failure)
  if (fate === 'not_sent') return { key: 'outbox.notice.notSent', params: { seconds: CALL_TIMEOUT_MS / 1000 } }
  if (fate === 'answer_lost') return { key: 'outbox.notice.answerLost', params: {} }
  return { key: 'outbox.notice.failed', params: { code: errorCode(failure) } }
}
