/**
 * The things that happen to conversations: a chat arrives, an agent takes it, someone writes, it is
 * resolved. Each runs in one transaction that bumps version and updatedAt and records every record
 * it touched (conversation, message, agent load) in the change feed.
 */
import type { Agent, ChannelKind, Conversation, Message } from '../shared/domain'
import { ApiFailure, notFound } from './errors'
import type { Store } from './store'
import { BOT_NAME, channelIdOf } from './workspace-data'

export interface NewChat {
  channel: ChannelKind
  customerName: string
  customerHandle: string
  text: string
  now: number
}

export interface AssignOptions {
  expectedVersion?: number
  overrideQuota: boolean
  now: number
}

export class ConversationActions {
  constructor(private readonly store: Store) {}

  /** A customer writes in: a new inbox conversation waits in the queue with their first message. */
  arrive(chat: NewChat): Conversation {
    const { conversations, feed } = this.store
    return feed.transaction(() => {
      const conversation = conversations.create({
        customer: { id: conversations.nextCustomerId(), name: chat.customerName, handle: chat.customerHandle },
        channelId: channelIdOf(chat.channel),
        channel: chat.channel,
        type: 'inbox',
        status: 'in_queue',
        labelIds: [],
        agentId: null,
        lastAgentId: null,
        createdAt: chat.now,
        queuedAt: chat.now,
        updatedAt: chat.now,
        resolvedAt: null,
        lastMessage: { text: chat.text, at: chat.now, direction: 'in' },
        unread: 1,
        version: 1,
      })
      const message = this.store.messages.add({
        conversationId: conversation.id,
        direction: 'in',
        sender: { kind: 'customer', name: chat.customerName, agentId: null },
        text: chat.text,
        attachments: [],
        createdAt: chat.now,
      })
      feed.record('conversation', conversation)
      feed.record('message', message)
      return conversation
    })
  }

  /** Hands a queued or handled conversation to an agent (a pick-up, an assignment or a transfer). */
  assign(conversationId: number, agentId: number, options: AssignOptions): Conversation {
    const { conversations, workspace, feed } = this.store
    return feed.transaction(() => {
      const current = conversations.get(conversationId)
      if (current === undefined) throw notFound(`Conversation ${conversationId}`)
      const agent = workspace.agent(agentId)
      if (agent === undefined) throw new ApiFailure(422, 'unknown_agent', `Agent ${agentId} does not exist`)
      if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
        throw new ApiFailure(409, 'conflict', `Conversation ${conversationId} changed since version ${options.expectedVersion} (now ${current.version})`)
      }
      if (current.status === 'resolved') throw new ApiFailure(409, 'conflict', `Conversation ${conversationId} is already resolved`)
      if (current.agentId === agentId) return current
      if (agent.load >= agent.quota && !options.overrideQuota) {
        throw new ApiFailure(409, 'over_quota', `${agent.name} already handles ${agent.load} of ${agent.quota} conversations`)
      }
      const previous = current.agentId === null ? undefined : workspace.agent(current.agentId)
      const next: Conversation = {
        ...current,
        status: 'handled',
        agentId,
        lastAgentId: agentId,
        updatedAt: Math.max(options.now, current.updatedAt),
        version: current.version + 1,
      }
      conversations.save(next)
      feed.record('conversation', next)
      if (previous !== undefined) this.changeLoad(previous.id, -1)
      this.changeLoad(agent.id, +1)
      return next
    })
  }

  /** Someone writes in a conversation; the thread of a seeded one is built first so the new message lands last. */
  write(conversationId: number, from: 'customer' | 'agent', text: string, now: number): Message {
    const { conversations, messages, workspace, feed } = this.store
    return feed.transaction(() => {
      const row = conversations.row(conversationId)
      if (row === undefined) throw notFound(`Conversation ${conversationId}`)
      messages.ensureThread(row)
      const current = conversations.get(conversationId)!
      const at = Math.max(now, current.lastMessage?.at ?? 0)
      const agentId = current.agentId ?? current.lastAgentId
      const sender: Message['sender'] =
        from === 'customer'
          ? { kind: 'customer', name: current.customer.name, agentId: null }
          : agentId === null
            ? { kind: 'bot', name: BOT_NAME, agentId: null }
            : { kind: 'agent', name: workspace.agentName(agentId), agentId }
      const direction = from === 'customer' ? 'in' : 'out'
      const message = messages.add({ conversationId, direction, sender, text, attachments: [], createdAt: at })
      const next: Conversation = {
        ...current,
        lastMessage: { text, at, direction },
        // Agents read the chat when they answer it; customers' messages wait unread.
        unread: from === 'customer' ? current.unread + 1 : 0,
        updatedAt: Math.max(at, current.updatedAt),
        version: current.version + 1,
      }
      conversations.save(next)
      feed.record('message', message)
      feed.record('conversation', next)
      return message
    })
  }

  resolve(conversationId: number, now: number): Conversation {
    const { conversations, workspace, feed } = this.store
    return feed.transaction(() => {
      const current = conversations.get(conversationId)
      if (current === undefined) throw notFound(`Conversation ${conversationId}`)
      if (current.status === 'resolved') return current
      const handler = current.agentId === null ? undefined : workspace.agent(current.agentId)
      const at = Math.max(now, current.updatedAt)
      const next: Conversation = { ...current, status: 'resolved', agentId: null, resolvedAt: at, unread: 0, updatedAt: at, version: current.version + 1 }
      conversations.save(next)
      feed.record('conversation', next)
      if (handler !== undefined) this.changeLoad(handler.id, -1)
      return next
    })
  }

  setPresence(agentId: number, presence: Agent['presence']): Agent {
    const { workspace, feed } = this.store
    return feed.transaction(() => {
      const agent = workspace.agent(agentId)
      if (agent === undefined) throw notFound(`Agent ${agentId}`)
      const next = { ...agent, presence }
      workspace.saveAgent(next)
      feed.record('agent', next)
      return next
    })
  }

  private changeLoad(agentId: number, delta: number): void {
    const agent = this.store.workspace.agent(agentId)
    if (agent === undefined) return
    const next = { ...agent, load: Math.max(0, agent.load + delta) }
    this.store.workspace.saveAgent(next)
    this.store.feed.record('agent', next)
  }
}
