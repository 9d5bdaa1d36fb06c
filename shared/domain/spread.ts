/**
 * Force Distribution: the waiting chats spread over the agents who are online, within their
 * quotas. One rule for the plan the main process makes and for the room the In Queue tab shows,
 * so the figure on the page is the one the plan keeps to.
 */
import type { Agent } from './agent'
import type { Id } from './time'

/**
 * How many more chats an agent may be given: their quota less their load, less what is already on
 * its way to them (actions queued here and not yet applied by the server, which its load does not
 * count yet). Only agents who are online take chats this way; a supervisor takes their own.
 */
export function roomOf(agent: Agent, incoming = 0): number {
  if (agent.role !== 'agent' || agent.presence !== 'online') return 0
  return quotaRoom(agent, incoming)
}

/** Chats left before an agent's quota, counting those on their way, whoever and wherever they are. */
export const quotaRoom = (agent: Agent, incoming = 0): number => Math.max(0, agent.quota - agent.load - incoming)

/** All the room on the floor, and how many agents have some. */
export function floorRoom(agents: Iterable<Agent>, incoming: ReadonlyMap<Id, number>): { room: number; agents: number } {
  let room = 0
  let count = 0
  for (const agent of agents) {
    const free = roomOf(agent, incoming.get(agent.id) ?? 0)
    room += free
    if (free > 0) count++
  }
  return { room, agents: count }
}

export interface SpreadAssignment {
  conversationId: Id
  agentId: Id
}

/**
 * Takes the chats in the order given (the queue's: longest waiting first) and gives each to the
 * agent least busy for their quota at that moment (the lowest share of it in use), so agents fill
 * alike whatever their quotas: two chats go to two agents, not both to the one with the biggest
 * quota. Ties go to the agent with more room, then to the lower id, so the same floor always gives
 * the same plan. Chats past the floor's room stay waiting: the plan never takes an agent over quota.
 */
interface Open {
  id: Id
  room: number
  load: number
  quota: number
}

/** Whether `a` takes the next chat before `b`: a lower share of quota in use (compared without division), then more room, then the lower id. */
function lessBusy(a: Open, b: Open): boolean {
  const share = a.load * b.quota - b.load * a.quota
  if (share !== 0) return share < 0
  if (a.room !== b.room) return a.room > b.room
  return a.id < b.id
}

export function planSpread(conversationIds: readonly Id[], agents: Iterable<Agent>, incoming: ReadonlyMap<Id, number>): SpreadAssignment[] {
  const open: Open[] = [...agents]
    .map((agent) => {
      const coming = incoming.get(agent.id) ?? 0
      return { id: agent.id, room: roomOf(agent, coming), load: agent.load + coming, quota: agent.quota }
    })
    .filter((a) => a.room > 0)
  const plan: SpreadAssignment[] = []
  for (const conversationId of conversationIds) {
    let best: Open | null = null
    for (const a of open) {
      if (a.room === 0) continue
      if (!best || lessBusy(a, best)) best = a
    }
    if (!best) break
    plan.push({ conversationId, agentId: best.id })
    best.room--
    best.load++
  }
  return plan
}
