import type { Conversation } from '@shared/domain'
import type { CachedConversation } from '@shared/ipc/contract'

/**
 * How a customer's wait looks, in the queue or for a reply: red once it passes the waiting limit
 * set in Settings (the one that raises the alert), amber on the way there. With that alert turned
 * off (0), red comes at the default five minutes, so the page still shows who has waited long.
 */
export const DEFAULT_ALERT_MS = 5 * 60_000
/** Amber from this share of the limit: two minutes of the default five. */
export const WARN_SHARE = 0.4

export type WaitLevel = 'ok' | 'warn' | 'alert'

/** The wait that shows red, for the limit in Settings (minutes). */
export function alertAfterMs(limitMinutes: number | undefined): number {
  return limitMinutes !== undefined && limitMinutes > 0 ? limitMinutes * 60_000 : DEFAULT_ALERT_MS
}

export function waitLevel(waitedMs: number, alertMs = DEFAULT_ALERT_MS): WaitLevel {
  if (waitedMs >= alertMs) return 'alert'
  return waitedMs >= alertMs * WARN_SHARE ? 'warn' : 'ok'
}

/**
 * Since when the customer of a chat an agent has waits for an answer: their first message since
 * the last reply, when the customer spoke last. Null when the agent spoke last, or nobody has the chat.
 */
export function awaitingReplySince(conversation: Conversation & Pick<CachedConversation, 'awaitingSince'>): number | null {
  const last = conversation.lastMessage
  return conversation.status === 'handled' && last?.direction === 'in' ? (conversation.awaitingSince ?? last.at) : null
}

/**
 * What the server sent for the start of a wait when that cannot be right: the cache counts the wait
 * from when Observe first saw it instead (the least it can be), and the cell says so. A reply's wait
 * starts at the last message unless the cache kept an earlier one of the customer's.
 */
export function unclearWaitStart(conversation: Pick<CachedConversation, 'awaitingSince' | 'unclearTimes'>, wait: 'queue' | 'reply'): number | undefined {
  if (wait === 'queue') return conversation.unclearTimes?.queuedAt
  return conversation.awaitingSince === undefined ? conversation.unclearTimes?.lastMessageAt : undefined
}

/**
 * Whether that wait's start is only estimated: the cache saw only the customer's last message, and
 * the core has not read their first unanswered one yet. They have waited at least as long as shown.
 */
export const awaitingReplyEstimated = (conversation: Conversation & Pick<CachedConversation, 'awaitingEstimated'>): boolean => conversation.awaitingEstimated === true
