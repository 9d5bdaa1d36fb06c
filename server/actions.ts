/**
 * The things that happen to conversations: a chat arrives, an agent takes it, someone writes, it is
 * resolved. Each runs in one transaction that bumps version and updatedAt and records every record
 * it touched (conversation, message, agent load) in the change feed.
 */
import type { Agent, ChannelKind, Conversation, Message } from '../shared/domain'
import { notFound } from './errors'
import { checkHandoff, type HandoffRequest } from './handoff'
import { systemHandoff, systemNoteText } from './phrases'
import type { Store } from './store'
import { BOT_NAME, SYSTEM_NAME, channelIdOf } from './workspace-data'

export interface NewChat {
  channel: ChannelKind
  customerName: string
  customerHandle: string
  text: string
  now: number
}

export type HandoffOptions = Omit<HandoffRequest, 'action' | 'conversationId' | 'agentId'>

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

  /** A queued conversation goes to an agent: a supervisor's assignment or an agent's own pick-up. */
  assign(conversationId: number, agentId: number, options: HandoffOptions): Conversation {
    return this.handOff({ action: 'assign', conversationId, agentId, ...options })
  }

  /** A handled conversation moves from its agent to another. */
  transfer(conversationId: number, agentId: number, options: HandoffOptions): Conversation {
    return this.handOff({ action: 'transfer', conversationId, agentId, ...options })
  }

  /**
   * One transaction: the conversation, both agents' loads, the assignment log and a system message
   * in the thread, each record in the change feed.
   */
  private handOff(request: HandoffRequest): Conversation {
    const { conversations, workspace, messages, assignments, feed } = this.store
    return feed.transaction(() => {
      const current = conversations.get(request.conversationId)
      const agent = workspace.agent(request.agentId)
      if (checkHandoff(current, agent, request) === 'noop') return current!
      // A seeded thread is built from the state before the hand-off, so the note lands after it.
      messages.ensureThread(conversations.row(request.conversationId)!)
      const before = current!
      const at = Math.max(request.now, before.updatedAt, before.lastMessage?.at ?? 0)
      const next: Conversation = {
        ...before,
        status: 'handled',
        agentId: agent!.id,
        lastAgentId: agent!.id,
        updatedAt: at,
        version: before.version + 1,
      }
      conversations.save(next)
      feed.record('conversation', next)
      if (before.agentId !== null) this.changeLoad(before.agentId, -1)
      this.changeLoad(agent!.id, +1)
      assignments.add({
        conversationId: next.id,
        action: request.action,
        byAgentId: request.byAgentId,
        fromAgentId: before.agentId,
        toAgentId: agent!.id,
        at,
      })
      const person = (id: number) => ({ id, name: workspace.agentName(id) })
      const event = systemHandoff(request.action, {
        by: person(request.byAgentId),
        from: before.agentId === null ? null : person(before.agentId),
        to: { id: agent!.id, name: agent!.name },
      })
      // A note, not a chat line: lastMessage stays the last thing customer and agent said.
      const note = messages.add({
        conversationId: next.id,
        direction: 'out',
        sender: { kind: 'system', name: SYSTEM_NAME, agentId: null },
        text: systemNoteText(event),
        event,
        attachments: [],
        createdAt: at,
      })
      feed.record('message', note)
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
