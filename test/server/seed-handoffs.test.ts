/**
 * The demo's assignment log begins with the hand-offs its seeded conversations imply, so Log
 * History has a month of history the moment the server starts, agreeing with the chats and threads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AssignmentRecord, AssignmentsPage, WorkspaceResponse, type ConversationsPage, type MessagesPage } from '../../shared/api'
import { Agent, Conversation, Message } from '../../shared/domain'
import { startClient, type Client } from './helpers'

const DAY = 86_400_000

async function allConversations(client: Client): Promise<Conversation[]> {
  const items: Conversation[] = []
  let after = 0
  for (;;) {
    const reply = await client.get<ConversationsPage>(`/conversations?after=${after}&limit=1000`)
    items.push(...reply.body.items.map((item) => Conversation.parse(item)))
    if (reply.body.nextAfter === null) return items
    after = reply.body.nextAfter
  }
}

async function allRecords(client: Client): Promise<AssignmentRecord[]> {
  const items: AssignmentRecord[] = []
  let after = 0
  for (;;) {
    const page = AssignmentsPage.parse((await client.get(`/assignments?after=${after}&limit=1000`)).body)
    items.push(...page.items.map((item) => AssignmentRecord.parse(item)))
    if (page.nextAfter === null) return items
    after = page.nextAfter
  }
}

describe("the seeded workspace's assignment log", () => {
  let client: Client
  let conversations: Conversation[]
  let log: AssignmentRecord[]
  let agents: Agent[]
  let supervisor: Agent
  const byConversation = new Map<number, AssignmentRecord[]>()
  beforeAll(async () => {
    client = await startClient({ seed: 1500 })
    agents = WorkspaceResponse.parse((await client.get('/workspace')).body).agents
    supervisor = agents.find((agent) => agent.role === 'supervisor')!
    conversations = await allConversations(client)
    log = await allRecords(client)
    for (const record of log) byConversation.set(record.conversationId, [...(byConversation.get(record.conversationId) ?? []), record])
  })
  afterAll(() => client.server.close())

  const reachedAgent = (c: Conversation): number | null => (c.status === 'in_queue' ? null : (c.agentId ?? c.lastAgentId))

  it('holds how every chat an agent handled reached that agent, and nothing for the others', () => {
    const withAgent = conversations.filter((c) => reachedAgent(c) !== null)
    expect(withAgent.length).toBeGreaterThan(1000)
    for (const c of conversations) {
      const records = byConversation.get(c.id) ?? []
      const agentId = reachedAgent(c)
      if (agentId === null) {
        expect(records, `conversation ${c.id}`).toEqual([])
        continue
      }
      expect(records.length, `conversation ${c.id}`).toBeGreaterThan(0)
      expect(records.at(-1)!.toAgentId, `conversation ${c.id}`).toBe(agentId)
      // Each hand-off starts where the one before it left the chat.
      records.forEach((record, index) => {
        expect(record.fromAgentId).toBe(index === 0 ? null : records[index - 1]!.toAgentId)
        expect(record.action).toBe(index === 0 ? 'assign' : 'transfer')
      })
    }
    expect(byConversation.size).toBe(withAgent.length)
  })

  it('mixes pick-ups, assignments by the supervisor and transfers, each allowed to whoever made it', () => {
    const pickUps = log.filter((r) => r.action === 'assign' && r.byAgentId === r.toAgentId)
    const assigned = log.filter((r) => r.action === 'assign' && r.byAgentId === supervisor.id)
    const transfers = log.filter((r) => r.action === 'transfer')
    expect(pickUps.length).toBeGreaterThan(assigned.length)
    expect(assigned.length).toBeGreaterThan(transfers.length)
    expect(transfers.length).toBeGreaterThan(0)
    expect(pickUps.length + assigned.length + transfers.length).toBe(log.length)
    // Only supervisors transfer; an agent only picks a chat up for themself.
    for (const transfer of transfers) expect(transfer.byAgentId).toBe(supervisor.id)
    const agentIds = new Set(agents.filter((a) => a.role === 'agent').map((a) => a.id))
    for (const record of log) expect(agentIds.has(record.toAgentId)).toBe(true)
  })

  it('dates each hand-off within its chat\'s life, over the whole month, with ids following time', () => {
    const byId = new Map(conversations.map((c) => [c.id, c]))
    for (const record of log) {
      const c = byId.get(record.conversationId)!
      expect(record.at).toBeGreaterThanOrEqual(c.createdAt)
      if (c.type === 'inbox') expect(record.at).toBeGreaterThanOrEqual(c.queuedAt!)
      expect(record.at).toBeLessThanOrEqual(c.resolvedAt ?? Date.now())
    }
    for (let index = 1; index < log.length; index++) {
      expect(log[index]!.id).toBeGreaterThan(log[index - 1]!.id)
      expect(log[index]!.at, `record ${log[index]!.id}`).toBeGreaterThanOrEqual(log[index - 1]!.at)
    }
    expect(Date.now() - log[0]!.at).toBeGreaterThan(25 * DAY)
  })

  it("puts the hand-off at the moment the chat's thread says it was assigned, to the same agent", async () => {
    const names = new Map(agents.map((a) => [a.id, a.name]))
    const transferred = [...byConversation.values()].filter((records) => records.length > 1).map((records) => records[0]!.conversationId)
    // Every transferred chat, and a spread of the rest: a thread is built on first read.
    const sample = [...new Set([...transferred, ...[...byConversation.keys()].filter((id) => id % 7 === 0)])]
    expect(sample.length).toBeGreaterThan(200)
    for (const id of sample) {
      const reply = await client.get<MessagesPage>(`/conversations/${id}/messages?limit=200`)
      const notes = reply.body.items.map((item) => Message.parse(item)).filter((m) => m.sender.kind === 'system')
      const last = byConversation.get(id)!.at(-1)!
      expect(notes.map((m) => [m.text, m.createdAt]), `conversation ${id}`).toEqual([[`Conversation assigned to ${names.get(last.toAgentId)}`, last.at]])
      // The seed records no one who assigned it, so its note's event names no one but the agent.
      expect(notes.map((m) => m.event), `conversation ${id}`).toEqual([{ kind: 'assigned', to: { id: last.toAgentId, name: names.get(last.toAgentId) } }])
    }
  })

  it('logs a live hand-off after every seeded one', async () => {
    const queued = Conversation.parse((await client.post('/demo/conversations', {})).body)
    const agent = agents.find((a) => a.role === 'agent' && a.presence === 'online')!
    expect((await client.post(`/conversations/${queued.id}/assign`, { agentId: agent.id, overrideQuota: true })).status).toBe(200)
    const live = (await allRecords(client)).slice(log.length)
    expect(live.map((r) => [r.conversationId, r.toAgentId])).toEqual([[queued.id, agent.id]])
    expect(live[0]!.id).toBeGreaterThan(log.at(-1)!.id)
    expect(live[0]!.at).toBeGreaterThanOrEqual(log.at(-1)!.at)
  })
})
