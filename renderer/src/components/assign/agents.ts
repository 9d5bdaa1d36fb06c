import { quotaRoom, type Agent, type Id } from '@shared/domain'

const PRESENCE_ORDER: Record<Agent['presence'], number> = { online: 0, away: 1, offline: 2 }

/*
 * `incoming` throughout: chats on their way to the agent, assignments queued here that the server
 * has not applied yet, which the agent's load does not count. Left out, an agent with one place
 * left could be given three chats while offline, and two were refused once back online.
 */

export const isFull = (agent: Agent, incoming = 0): boolean => quotaRoom(agent, incoming) === 0

/**
 * Cannot be chosen as things stand: full, unless the supervisor allows going over quota, or offline,
 * which the Interaction API refuses outright (agent_offline) whatever the override says.
 */
export const isHeldBack = (agent: Agent, override: boolean, incoming = 0): boolean =>
  agent.presence === 'offline' || (isFull(agent, incoming) && !override)

/** Online first, then away, then offline; within each, the most room first, then by name. */
export function sortAgents(agents: readonly Agent[], incoming: ReadonlyMap<Id, number> = new Map()): Agent[] {
  const room = (a: Agent): number => (a.quota === 0 ? 1 : (a.load + (incoming.get(a.id) ?? 0)) / a.quota)
  return [...agents].sort(
    (a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || room(a) - room(b) || a.name.localeCompare(b.name),
  )
}

export function matchesAgent(agent: Agent, query: string): boolean {
  const q = query.trim().toLowerCase()
  return q === '' || agent.name.toLowerCase().includes(q) || agent.email.toLowerCase().includes(q)
}

/** The ids of `agents` not yet in `order`, added after it in sortAgents' order. */
export function extendOrder(order: readonly Id[], agents: readonly Agent[], incoming?: ReadonlyMap<Id, number>): Id[] {
  const known = new Set(order)
  return [...order, ...sortAgents(agents.filter((a) => !known.has(a.id)), incoming).map((a) => a.id)]
}
