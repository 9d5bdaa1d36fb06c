import type { QueueNotice, ToldNumbers } from '../../../shared/ipc/queue-notices'

/** Notices carry the numbers of the chats they tell (ToldNumbers), in the order they were recorded. */
export function numbered(notices: QueueNotice[], told: ToldNumbers | null): QueueNotice[] {
  if (!told) return notices
  let next = told.first
  return notices.map((notice) => {
    if (notice.kind === 'new_chat' || notice.kind === 'waiting_too_long') return { ...notice, told: { first: next, last: next++ } }
    const numbers = { first: next, last: next + notice.count - 1 }
    next += notice.count
    return { ...notice, told: numbers }
  })
}
