/**
 * Force Distribution in the cache: the plan made from what the supervisor sees (the overlay of
 * pending actions included), and the plan queued as one assign action per chat.
 */
import type { Database } from 'better-sqlite3'
import { customerLabel, floorRoom, planSpread, roomOf, waitSince } from '../../../shared/domain'
import type { Filters, OutboxEnqueueResult, SpreadPlan, SpreadTarget } from '../../../shared/ipc'
import { countConversations, getConversation, listConversations, type Keyset } from '../db/queries/conversations'
import { incomingByAgent } from '../db/queries/outbox'
import { readAgents } from '../db/queries/workspace'
import { checkSeenDataset, enqueue, skipOf, type OutboxChange } from './outbox'

const PAGE = 500

interface Waiting {
  id: number
  customerName: string
}

/** The queue under the filters, longest waiting first, read only as far as the floor has room. */
function queueUnder(db: Database, filters: Filters, room: number): { first: Waiting[]; waiting: number } {
  const first: Waiting[] = []
  for (let after: Keyset | null = null; first.length < room; ) {
    const page = listConversations(db, { tab: 'in_queue', sort: 'waiting_desc', filters, limit: PAGE, after })
    first.push(...page.rows.map((c) => ({ id: c.id, customerName: customerLabel(c.customer, c.ticketNo) })))
    if (!page.next) break
    after = page.next
  }
  return { first, waiting: countConversations(db, filters).in_queue }
}

/** The picked chats that still wait (pending actions included, as the page shows them), longest waiting first as In Queue orders them. */
function pickedWaiting(db: Database, ids: readonly number[]): { first: Waiting[]; waiting: number } {
  const shown = [...new Set(ids)].flatMap((id) => {
    const c = getConversation(db, id)?.conversation
    return c && c.status === 'in_queue' ? [c] : []
  })
  shown.sort((a, b) => waitSince(a) - waitSince(b) || a.id - b.id)
  return { first: shown.map((c) => ({ id: c.id, customerName: customerLabel(c.customer, c.ticketNo) })), waiting: shown.length }
}

export function makeSpreadPlan(db: Database, target: SpreadTarget): SpreadPlan {
  return db.transaction((): SpreadPlan => {
    const agents = readAgents(db)
    const incoming = incomingByAgent(db)
    const { room } = floorRoom(agents, incoming)
    const { first, waiting } = 'filters' in target ? queueUnder(db, target.filters, room) : pickedWaiting(db, target.conversationIds)
    const names = new Map(first.map((w) => [w.id, w.customerName]))
    const assignments = planSpread(
      first.map((w) => w.id),
      agents,
      incoming,
    ).map((a) => ({ ...a, customerName: names.get(a.conversationId)! }))
    return { assignments, waiting }
  })()
}

/**
 * Queues the plan in its order, all or nothing: one transaction, one action per chat. Room is
 * checked again as it is queued: a plan is shown before it is confirmed, and another plan (another
 * tab, or another supervisor's, synced meanwhile) may have filled its agents since. Queued as shown,
 * the two overshot the floor and came back refused as over quota; what no longer fits stays waiting.
 */
export function enqueueSpread(
  db: Database,
  assignments: readonly { conversationId: number; agentId: number }[],
  seenDataset: string | null,
  now: number,
): { result: OutboxEnqueueResult; change: OutboxChange } {
  return db
    .transaction(() => {
      checkSeenDataset(db, seenDataset)
      const result: OutboxEnqueueResult = { actions: [], skipped: [] }
      const change: OutboxChange = { actionIds: [], conversationIds: [] }
      const agents = new Map(readAgents(db).map((agent) => [agent.id, agent]))
      const incoming = incomingByAgent(db)
      for (const { conversationId, agentId } of assignments) {
        const agent = agents.get(agentId)
        if (!agent || roomOf(agent, incoming.get(agentId) ?? 0) <= 0) {
          result.skipped.push(skipOf(conversationId, 'no_room', getConversation(db, conversationId)?.conversation ?? null))
          continue
        }
        const one = enqueue(db, { kind: 'assign', conversationIds: [conversationId], agentId, overrideQuota: false, seenDataset, now })
        incoming.set(agentId, (incoming.get(agentId) ?? 0) + one.result.actions.length)
        result.actions.push(...one.result.actions)
        result.skipped.push(...one.result.skipped)
        change.actionIds.push(...one.change.actionIds)
        change.conversationIds.push(...one.change.conversationIds)
      }
      return { result, change }
    })
    .immediate()
}
