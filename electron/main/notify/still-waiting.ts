/**
 * Which of some chats still wait in the queue, in the same stay (the same queued time): one
 * assigned or handled since is not news any more, and one that left and came back was told again
 * under a number of its own.
 */
import type { ConversationPage } from '../../../shared/ipc'
import type { QueuedChat } from '../../../shared/ipc/queue-notices'
import type { Core } from '../core'
import { queueOrder } from './planner'
import { toQueuedChat } from './queue-watcher'

const READ = 500

export async function stillWaiting(core: Pick<Core, 'handle'>, chats: readonly QueuedChat[]): Promise<Set<QueuedChat>> {
  const waiting = new Set<QueuedChat>()
  if (chats.length === 0) return waiting
  const wanted = new Map(chats.map((chat) => [`${chat.id}@${chat.queuedAt}`, chat]))
  const oldest = chats.reduce((a, b) => (queueOrder(a, b) <= 0 ? a : b))
  // Told chats came lately, so the queue is read from its newest end only as far as the oldest of them.
  let cursor: string | null = null
  do {
    const read = await core.handle('conversations:list', { tab: 'in_queue', sort: 'waiting_asc', limit: READ, cursor })
    if (!read.ok) return waiting
    const page = read.value as ConversationPage
    for (const row of page.rows) {
      const chat = wanted.get(`${row.id}@${toQueuedChat(row).queuedAt}`)
      if (chat) waiting.add(chat)
    }
    const last = page.rows.at(-1)
    cursor = last && queueOrder(toQueuedChat(last), oldest) > 0 ? page.nextCursor : null
  } while (cursor !== null)
  return waiting
}
