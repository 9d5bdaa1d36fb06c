/**
 * What a page cut off from Observe missed: the chats told after the last number it heard, those
 * still waiting, as the planner would tell them now.
 */
import type { MissedQueueChats } from '../../../shared/ipc/queue-notices'
import type { Core } from '../core'
import type { NotificationPlanner } from './planner'
import { stillWaiting } from './still-waiting'
import type { ToldChats } from './told-chats'

export async function missedChats(
  after: number | null,
  core: Pick<Core, 'handle'> | null,
  planner: Pick<NotificationPlanner, 'muted' | 'now' | 'alertsLongWaits'>,
  told: Pick<ToldChats, 'after' | 'lastTold'>,
): Promise<MissedQueueChats> {
  if (after === null || !core || planner.muted()) return { last: told.lastTold(), chats: [], more: false }
  const { last, chats, more } = told.after(after)
  const waiting = await stillWaiting(core, chats.map((entry) => entry.chat))
  // A long wait is told with the wait as it stands now, not as it was when it was alerted; and
  // not at all once the supervisor has turned the alert off.
  const now = planner.now()
  const answered = chats
    .filter((entry) => waiting.has(entry.chat) && (!entry.long || planner.alertsLongWaits()))
    .map(({ told, chat, long }) => (long ? { told, chat, waitedMs: Math.max(0, Math.round(now - chat.queuedAt)) } : { told, chat }))
  return { last, chats: answered, more }
}
