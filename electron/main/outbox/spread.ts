/**
 * Force Distribution in the cache: the plan made from what the supervisor sees (the overlay of
 * pending actions included), and the plan queued as one assign action per chat.
 */
import type { Database } from 'better-sqlite3'
import { planSpread, floorRoom } from '../../../shared/domain'
import type { Filters, OutboxEnqueueResult, SpreadPlan } from '../../../shared/ipc'
import { countConversations, listConversations, type Keyset } from '../db/queries/conversations'
import { incomingByAgent } from '../db/queries/outbox'
import { readWorkspace } from '../db/queries/workspace'
import { enqueue, type OutboxChange } from './outbox'

const PAGE = 500

/** The queue under the filters, longest waiting first, read only as far as the floor has room. */
export function makeSpreadPlan(db: Database, filters: Filters): SpreadPlan {
  return db.transaction((): SpreadPlan => {
    const { agents } = readWorkspace(db)
    const incoming = incomingByAgent(db)
    const { room } = floorRoom(agents, incoming)
    const waiting: { id: number; customerName: string }[] = []
    for (let after: Keyset | null = null; waiting.length < room; ) {
      const page = listConversations(db, { tab: 'in_queue', sort: 'waiting_desc', filters, limit: PAGE, after })
      waiting.push(...page.rows.map((c) => ({ id: c.id, customerName: c.customer.name })))
      if (!page.next) break
      after = page.next
    }
    const names = new Map(waiting.map((w) => [w.id, w.customerName]))
    const assignments = planSpread(
      waiting.map((w) => w.id),
      agents,
      incoming,
    ).map((a) => ({ ...a, customerName: names.get(a.conversationId)! }))
    return { assignments, waiting: countConversations(db, filters).in_queue }
  })()
}

/** Queues the plan in its order, all or nothing: one transaction, one action per chat. */
export function enqueueSpread(
  db: Database,
  assignments: readonly { conversationId: number; agentId: number }[],
  now: number,
): { result: OutboxEnqueueResult; change: OutboxChange } {
  return db
    .transaction(() => {
      const result: OutboxEnqueueResult = { actions: [], skipped: [] }
      const change: OutboxChange = { actionIds: [], conversationIds: [] }
      for (const { conversationId, agentId } of assignments) {
        const one = enqueue(db, { kind: 'assign', conversationIds: [conversationId], agentId, overrideQuota: false, now })
        result.actions.push(...one.result.actions)
        result.skipped.push(...one.result.skipped)
        change.actionIds.push(...one.change.actionIds)
        change.conversationIds.push(...one.change.conversationIds)
      }
      return { result, change }
    })
    .immediate()
}
