import type { Agent, Conversation, Message } from '../../../shared/domain'

/** A valid conversation with sensible defaults; tests override what they look at. */
export function conversation(id: number, overrides: Partial<Conversation> = {}): Conversation {
  const createdAt = 1_700_000_000_000 + id * 1000
  return {
    id,
    ticketNo: 10_000 + id,
    customer: { id: 500 + id, name: `Customer ${id}`, handle: `+62811${id}` },
    channelId: 1,
    channel: 'whatsapp',
    type: 'inbox',
    status: 'in_queue',
    labelIds: [],
    agentId: null,
    lastAgentId: null,
    createdAt,
    queuedAt: createdAt,
    updatedAt: createdAt,
    resolvedAt: null,
    lastMessage: { text: 'halo', at: createdAt, direction: 'in' },
    unread: 1,
    version: 1,
    ...overrides,
  }
}

export function message(id: number, conversationId: number, overrides: Partial<Message> = {}): Message {
  return {
    id,
    conversationId,
    direction: 'in',
    sender: { kind: 'customer', name: 'Customer', agentId: null },
    text: `message ${id}`,
    attachments: [],
    createdAt: 1_700_000_000_000 + id,
    ...overrides,
  }
}

/** An agent online with room, unless told otherwise. */
export function agent(id: number, load: number, quota: number, overrides: Partial<Agent> = {}): Agent {
  return { id, name: `Agent ${id}`, email: `a${id}@example.test`, role: 'agent', presence: 'online', load, quota, ...overrides }
}
