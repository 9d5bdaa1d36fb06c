/**
 * The hand-offs the seeded conversations imply, for the assignment log: every chat an agent handled
 * reached that agent somehow, at the moment its thread says "assigned". Each conversation draws from
 * a random stream of its own, so writing the log moves nothing else the seed makes.
 */
import type { AssignmentRecord } from '../../shared/api'
import { createRandom, mixSeed } from '../random'
import type { Db } from './connection'
import { seededAssignmentOf, type ThreadSource } from './thread'

type Handoff = Omit<AssignmentRecord, 'id'>

const BATCH = 100

export interface SeedHandoffOptions {
  supervisorId: number
  /** Agents who may have held a chat before it was transferred. */
  agents: readonly number[]
  agentName: (id: number) => string
}

/** Collects the hand-offs conversation by conversation, then writes them in the order they happened. */
export class SeedHandoffs {
  private readonly handoffs: Handoff[] = []

  constructor(private readonly options: SeedHandoffOptions) {}

  add(row: ThreadSource): void {
    const agentId = row.agent_id ?? row.last_agent_id
    if (row.status === 'in_queue' || agentId === null) return
    const assigned = seededAssignmentOf(row, this.options.agentName)
    if (assigned === null) return
    const { supervisorId, agents } = this.options
    const random = createRandom(mixSeed(0x10c4, row.id))
    const roll = random.next()
    const conversationId = row.id
    if (roll < 0.08 && agents.length > 1) {
      // Someone else had it first; the supervisor moved it on, at the moment the thread names its agent.
      let first = random.pick(agents)
      while (first === agentId) first = random.pick(agents)
      const firstBy = random.chance(0.75) ? first : supervisorId
      const firstAt = assigned.waitedFrom + Math.floor((assigned.at - assigned.waitedFrom) * random.next())
      this.handoffs.push({ conversationId, action: 'assign', byAgentId: firstBy, fromAgentId: null, toAgentId: first, at: firstAt })
      this.handoffs.push({ conversationId, action: 'transfer', byAgentId: supervisorId, fromAgentId: first, toAgentId: agentId, at: assigned.at })
      return
    }
    // Most agents pick chats up from the queue themselves; the supervisor hands out the rest.
    const byAgentId = roll < 0.3 ? supervisorId : agentId
    this.handoffs.push({ conversationId, action: 'assign', byAgentId, fromAgentId: null, toAgentId: agentId, at: assigned.at })
  }

  /** Ids follow time, as for live hand-offs: the log is paged by id. Call before any live hand-off. */
  write(db: Db): number {
    // Array sort is stable: a transfer keeps its place after the assignment it follows when both fall in one millisecond.
    const ordered = [...this.handoffs].sort((a, b) => a.at - b.at)
    // Many rows a statement: a million single-row inserts would cost the seed seconds.
    const insertMany = (rows: number) =>
      db.prepare(`INSERT INTO assignment_log (conversation_id, action, by_agent_id, from_agent_id, to_agent_id, at)
        VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`)
    const batch = insertMany(BATCH)
    const values: Array<string | number | null> = []
    for (let from = 0; from < ordered.length; from += BATCH) {
      const rows = Math.min(BATCH, ordered.length - from)
      values.length = 0
      for (let index = from; index < from + rows; index++) {
        const handoff = ordered[index]!
        values.push(handoff.conversationId, handoff.action, handoff.byAgentId, handoff.fromAgentId, handoff.toAgentId, handoff.at)
      }
      ;(rows === BATCH ? batch : insertMany(rows)).run(values)
    }
    return ordered.length
  }
}
