import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WorkspaceResponse, type ConversationsPage } from '../../shared/api'
import { CHANNEL_KINDS, Conversation } from '../../shared/domain'
import { startClient, type Client } from './helpers'

const DAY = 86_400_000

async function allConversations(client: Client, limit = 1000): Promise<Conversation[]> {
  const items: Conversation[] = []
  let after = 0
  for (;;) {
    const reply = await client.get<ConversationsPage>(`/conversations?after=${after}&limit=${limit}`)
    items.push(...reply.body.items.map((item) => Conversation.parse(item)))
    if (reply.body.nextAfter === null) return items
    after = reply.body.nextAfter
  }
}

const TIME_FIELDS = ['createdAt', 'queuedAt', 'updatedAt', 'resolvedAt'] as const

describe('the seeded demo workspace', () => {
  let client: Client
  let conversations: Conversation[]
  let workspace: WorkspaceResponse
  beforeAll(async () => {
    client = await startClient({ seed: 1500 })
    workspace = WorkspaceResponse.parse((await client.get('/workspace')).body)
    conversations = await allConversations(client)
  })
  afterAll(() => client.server.close())

  it('has a supervisor, a dozen agents, ten labels and the seven channels, at seq 0', () => {
    expect(workspace.agents.filter((agent) => agent.role === 'supervisor')).toHaveLength(1)
    expect(workspace.agents.filter((agent) => agent.role === 'agent')).toHaveLength(12)
    expect(new Set(workspace.agents.map((agent) => agent.presence))).toEqual(new Set(['online', 'away', 'offline']))
    expect(workspace.labels).toHaveLength(10)
    expect(workspace.channels.map((channel) => channel.kind).sort()).toEqual([...CHANNEL_KINDS].sort())
    expect(workspace.seq).toBe(0)
    expect(workspace.datasetId.length).toBeGreaterThan(8)
  })

  it('seeds the requested number of valid conversations over the last 28 days', () => {
    expect(conversations).toHaveLength(1500)
    const now = Date.now()
    for (const conversation of conversations) {
      expect(conversation.createdAt).toBeGreaterThanOrEqual(now - 28 * DAY - 60_000)
      expect(conversation.createdAt).toBeLessThanOrEqual(now)
      expect(conversation.lastMessage).not.toBeNull()
      expect(conversation.version).toBeGreaterThanOrEqual(1)
      expect(conversation.labelIds.length).toBeLessThanOrEqual(3)
      expect(conversation.ticketNo).toBeGreaterThan(10_000)
    }
  })

  it('mixes statuses and types like a real floor', () => {
    const share = (status: Conversation['status']): number => conversations.filter((c) => c.status === status).length / conversations.length
    expect(share('in_queue')).toBeGreaterThan(0.003)
    expect(share('in_queue')).toBeLessThan(0.03)
    expect(share('handled')).toBeGreaterThan(0.015)
    expect(share('handled')).toBeLessThan(0.06)
    const outbox = conversations.filter((c) => c.type === 'outbox').length / conversations.length
    expect(outbox).toBeGreaterThan(0.05)
    expect(outbox).toBeLessThan(0.2)
    for (const c of conversations) {
      if (c.status === 'in_queue') expect(c.agentId).toBeNull()
      if (c.status === 'handled') expect(c.agentId).not.toBeNull()
      if (c.status === 'resolved') expect([c.agentId, c.resolvedAt === null]).toEqual([null, false])
    }
  })

  it('keeps the queue live: every waiting chat arrived within the last two hours', () => {
    const queued = conversations.filter((c) => c.status === 'in_queue')
    expect(queued.length).toBeGreaterThan(0)
    const now = Date.now()
    for (const c of queued) expect(now - (c.queuedAt ?? c.createdAt)).toBeLessThan(2 * 60 * 60_000 + 60_000)
  })

  it('resolves nothing in the future, and every resolution after its chat began', () => {
    const now = Date.now()
    for (const c of conversations.filter((c) => c.status === 'resolved')) {
      expect(c.resolvedAt!).toBeLessThanOrEqual(now)
      expect(c.resolvedAt!).toBeGreaterThanOrEqual(c.createdAt)
    }
  })

  it('keeps agent loads equal to what they handle, within quota', () => {
    for (const agent of workspace.agents) {
      const handled = conversations.filter((c) => c.status === 'handled' && c.agentId === agent.id).length
      expect(agent.load).toBe(handled)
      expect(agent.load).toBeLessThanOrEqual(agent.quota)
    }
  })

  it('has Indonesian and English customers with handles that fit the channel', () => {
    const names = new Set(conversations.map((c) => c.customer.name.split(' ')[0]))
    expect(names.has('Budi') || names.has('Siti') || names.has('Agus')).toBe(true)
    expect(names.has('James') || names.has('Emily') || names.has('Oliver')).toBe(true)
    for (const c of conversations) {
      if (c.channel === 'whatsapp') expect(c.customer.handle).toMatch(/^\+62 8\d{2}-\d{4}-\d{4}$/)
      if (c.channel === 'email') expect(c.customer.handle).toMatch(/^[a-z._0-9]+@[a-z.]+$/)
      if (c.channel === 'instagram') expect(c.customer.handle).toMatch(/^@/)
    }
  })

  it('is deterministic: the same seed gives the same workspace, shifted to its own now', async () => {
    const other = await startClient({ seed: 1500 })
    try {
      const again = await allConversations(other)
      const otherWorkspace = WorkspaceResponse.parse((await other.get('/workspace')).body)
      expect(otherWorkspace.datasetId).not.toBe(workspace.datasetId)
      const shift = again[0]!.createdAt - conversations[0]!.createdAt
      const normalise = (c: Conversation, by: number): unknown => ({
        ...c,
        ...Object.fromEntries(TIME_FIELDS.map((field) => [field, c[field] === null ? null : c[field] - by])),
        lastMessage: c.lastMessage === null ? null : { ...c.lastMessage, at: c.lastMessage.at - by },
      })
      expect(again.map((c) => normalise(c, shift))).toEqual(conversations.map((c) => normalise(c, 0)))
      expect(otherWorkspace.agents.map(({ quota, load }) => [quota, load])).toEqual(workspace.agents.map(({ quota, load }) => [quota, load]))
      const threadA = await client.get<{ items: Array<{ text: string }> }>('/conversations/7/messages')
      const threadB = await other.get<{ items: Array<{ text: string }> }>('/conversations/7/messages')
      expect(threadB.body.items.map((m) => m.text)).toEqual(threadA.body.items.map((m) => m.text))
    } finally {
      await other.server.close()
    }
  })
})
