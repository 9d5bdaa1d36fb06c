/** The rule of Force Distribution on its own: who gets which waiting chat, and who gets none. */
import { describe, expect, it } from 'vitest'
import { floorRoom, planSpread, roomOf } from '../../../shared/domain'
import { agent } from '../support/domain'

const none = new Map<number, number>()
const tally = (plan: { agentId: number }[]): Record<number, number> => {
  const out: Record<number, number> = {}
  for (const a of plan) out[a.agentId] = (out[a.agentId] ?? 0) + 1
  return out
}

describe('roomOf', () => {
  it('is quota less load less what is on its way, for online agents only', () => {
    expect(roomOf(agent(1, 2, 5))).toBe(3)
    expect(roomOf(agent(1, 2, 5), 2)).toBe(1)
    expect(roomOf(agent(1, 5, 5))).toBe(0)
    // Over quota (a supervisor allowed it): no room, never negative room.
    expect(roomOf(agent(1, 7, 5))).toBe(0)
    expect(roomOf(agent(1, 0, 5, { presence: 'away' }))).toBe(0)
    expect(roomOf(agent(1, 0, 5, { presence: 'offline' }))).toBe(0)
    expect(roomOf(agent(1, 0, 5, { role: 'supervisor' }))).toBe(0)
  })

  it('adds up over the floor, counting the agents who have some', () => {
    const floor = [agent(1, 2, 5), agent(2, 4, 4), agent(3, 0, 2, { presence: 'away' }), agent(4, 0, 6)]
    expect(floorRoom(floor, new Map([[4, 1]]))).toEqual({ room: 3 + 5, agents: 2 })
  })
})

describe('planSpread', () => {
  it('gives each chat, in the order given, to the agent least busy for their quota', () => {
    const plan = planSpread([11, 12, 13, 14, 15], [agent(1, 1, 4), agent(2, 0, 2)], none)
    // 1/4 against 0/2: agent 2. 1/4 against 1/2: agent 1. 2/4 and 1/2 tie, agent 1 has more room. Then 3/4 against 1/2 ...
    expect(plan).toEqual([
      { conversationId: 11, agentId: 2 },
      { conversationId: 12, agentId: 1 },
      { conversationId: 13, agentId: 1 },
      { conversationId: 14, agentId: 2 },
      { conversationId: 15, agentId: 1 },
    ])
  })

  it('spreads a few chats over several agents rather than filling the biggest quota first', () => {
    // 7/13, 6/10 and 3/4 in use: the first chat to agent 1 (8/13 then), the second to agent 2.
    expect(planSpread([1, 2], [agent(1, 7, 13), agent(2, 6, 10), agent(3, 3, 4)], none)).toEqual([
      { conversationId: 1, agentId: 1 },
      { conversationId: 2, agentId: 2 },
    ])
  })

  it('never takes an agent past their quota: chats beyond the room stay waiting', () => {
    const floor = [agent(1, 2, 5), agent(2, 3, 4), agent(3, 0, 8, { presence: 'away' }), agent(4, 0, 8, { role: 'supervisor' })]
    const plan = planSpread([1, 2, 3, 4, 5, 6, 7], floor, none)
    expect(plan.map((a) => a.conversationId)).toEqual([1, 2, 3, 4])
    expect(tally(plan)).toEqual({ 1: 3, 2: 1 })
  })

  it('counts the chats already on their way to an agent', () => {
    const plan = planSpread([1, 2, 3, 4], [agent(1, 0, 3), agent(2, 0, 3)], new Map([[1, 2]]))
    expect(tally(plan)).toEqual({ 1: 1, 2: 3 })
  })

  it('breaks a tie of room and load by the lower id, so the same floor gives the same plan', () => {
    expect(planSpread([1], [agent(9, 1, 3), agent(4, 1, 3)], none)).toEqual([{ conversationId: 1, agentId: 4 }])
    expect(planSpread([1], [agent(4, 1, 3), agent(9, 1, 3)], none)).toEqual([{ conversationId: 1, agentId: 4 }])
  })

  it('plans nothing when nobody online has room', () => {
    expect(planSpread([1, 2], [agent(1, 3, 3), agent(2, 0, 3, { presence: 'offline' })], none)).toEqual([])
  })
})
