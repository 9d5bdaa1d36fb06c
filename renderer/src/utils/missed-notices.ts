import type { ToldChat } from '@shared/ipc/queue-notices'
import { missedChatsMessage, missedLongWaitsMessage, queueNoticeMessage, type QueueNoticeMessage } from './queue-notice-message'

export interface MissedNoticeOptions {
  /** Some told meanwhile are no longer kept: the counts are floors. */
  more: boolean
  /** The supervisor's grouping threshold, the one they chose for live bursts. */
  groupAbove: number
  /** The long-wait threshold, named by the notice that groups long waits. */
  waitingTooLongMinutes: number
}

/**
 * What a page back in touch with Observe says of the chats told while it was cut off that still
 * wait (and that it did not hear live): the long waits first, the more urgent, each as the live
 * alert, with the wait as it stands now; then the chats that joined. Either kind, past the grouping
 * threshold, in one notice, so a long cut-off is not followed by a burst of toasts.
 */
export function missedNotices(missed: readonly ToldChat[], options: MissedNoticeOptions): QueueNoticeMessage[] {
  const { more, groupAbove } = options
  const long = missed.filter((entry) => entry.waitedMs !== undefined)
  const joined = missed.filter((entry) => entry.waitedMs === undefined)
  const grouped = (count: number): boolean => count > groupAbove || (more && count > 0)
  const said: QueueNoticeMessage[] = []
  if (grouped(long.length)) said.push(missedLongWaitsMessage(long.length, options.waitingTooLongMinutes, more))
  else for (const { chat, waitedMs } of long) said.push(queueNoticeMessage({ kind: 'waiting_too_long', chat, waitedMs: waitedMs! }))
  if (grouped(joined.length)) said.push(missedChatsMessage(joined.length, more))
  else for (const { chat } of joined) said.push(queueNoticeMessage({ kind: 'new_chat', chat }))
  return said
}
