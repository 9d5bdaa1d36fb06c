/**
 * A small in-memory stand-in for window.observe: per-channel handlers, a call log, and `emit`
 * to push events the way the main process would.
 */
import type { Agent, Conversation, Message } from '../../../shared/domain'
import type { LogEntry } from '../../../shared/ipc/log-history'
import type { OutboxAction } from '../../../shared/ipc/outbox'
import type {
  IpcChannelName,
  IpcEventName,
  IpcEventPayload,
  IpcInput,
  IpcOutput,
  ObserveApi,
} from '../../../shared/ipc/contract'
import type { IpcError, IpcResult } from '../../../shared/ipc/result'

type Handler<C extends IpcChannelName> = (input: IpcInput<C>) => IpcOutput<C> | Promise<IpcOutput<C>>
export type Handlers = { [C in IpcChannelName]?: Handler<C> }

/** Throw this from a handler to answer `{ ok: false }`. */
export class FakeIpcFailure extends Error {
  constructor(readonly error: IpcError) {
    super(error.message)
  }
}

export interface FakeObserve extends ObserveApi {
  calls: { channel: IpcChannelName; input: unknown }[]
  emit<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void
  handlers: Handlers
}

export function createFakeObserve(handlers: Handlers = {}): FakeObserve {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const fake: FakeObserve = {
    calls: [],
    handlers,
    async invoke<C extends IpcChannelName>(channel: C, input: IpcInput<C>): Promise<IpcResult<IpcOutput<C>>> {
      fake.calls.push({ channel, input })
      const handler = fake.handlers[channel] as Handler<C> | undefined
      if (!handler) return { ok: false, error: { code: 'unknown_channel', message: `no fake for ${channel}` } }
      try {
        return { ok: true, value: await handler(input) }
      } catch (error) {
        if (error instanceof FakeIpcFailure) return { ok: false, error: error.error }
        throw error
      }
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const wrapped = listener as (payload: unknown) => void
      set.add(wrapped)
      return () => set.delete(wrapped)
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
  }
  return fake
}

/** A promise whose settling the test controls, to hold a reply back. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const BASE = Date.UTC(2025, 0, 15, 9, 0, 0)

export function makeConversation(id: number, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    ticketNo: 1000 + id,
    customer: { id: 500 + id, name: `Customer ${id}`, handle: `+62 812 0000 ${String(id).padStart(4, '0')}` },
    channelId: 1,
    channel: 'whatsapp',
    type: 'inbox',
    status: 'in_queue',
    labelIds: [],
    agentId: null,
    lastAgentId: null,
    createdAt: BASE + id * 1000,
    queuedAt: BASE + id * 1000,
    updatedAt: BASE + id * 1000,
    resolvedAt: null,
    lastMessage: { text: 'Halo', at: BASE + id * 1000, direction: 'in' },
    unread: 0,
    version: 1,
    ...overrides,
  }
}

export function makeMessage(id: number, conversationId: number, overrides: Partial<Message> = {}): Message {
  return {
    id,
    conversationId,
    direction: 'in',
    sender: { kind: 'customer', name: `Customer ${conversationId}`, agentId: null },
    text: `Message ${id}`,
    attachments: [],
    createdAt: BASE + id * 1000,
    ...overrides,
  }
}

/** Lets pending promise callbacks run (microtasks only, so it also works under fake timers). */
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}

/** An agent online with room, unless told otherwise. */
export function makeAgent(id: number, load: number, quota: number, overrides: Partial<Agent> = {}): Agent {
  return { id, name: `Agent ${id}`, email: `a${id}@example.test`, role: 'agent', presence: 'online', load, quota, ...overrides }
}

/** An assign action queued and never sent, unless told otherwise. */
export function makeOutboxAction(id: number, overrides: Partial<OutboxAction> = {}): OutboxAction {
  return {
    id,
    kind: 'assign',
    conversationId: 100 + id,
    customerName: `Customer ${id}`,
    agentId: 7,
    overrideQuota: false,
    state: 'queued',
    attempts: 0,
    lastError: null,
    lastErrorReason: null,
    createdAt: 1,
    updatedAt: 1,
    settledAt: null,
    rejection: null,
    dismissed: false,
    datasetId: null,
    ...overrides,
  }
}

/** Agent 7 taking a chat from the queue, assigned by supervisor 1, the chat still cached, unless told otherwise. */
export function makeLogEntry(id: number, overrides: Partial<LogEntry> = {}): LogEntry {
  const conversationId = overrides.conversationId ?? 100 + id
  return {
    id,
    conversationId,
    action: 'assign',
    byAgentId: 1,
    fromAgentId: null,
    toAgentId: 7,
    at: BASE + id * 60_000,
    conversation: { ticketNo: 1000 + conversationId, customerName: `Customer ${conversationId}`, customerHandle: `+62 812 0000 ${conversationId}`, channel: 'whatsapp' },
    ...overrides,
  }
}

export interface FakeLog {
  /** The cache's log; set it to anything (any order): `log:list` reads it newest first. */
  entries: LogEntry[]
  /** New hand-offs reach the cache, and the core says so. */
  add(...added: LogEntry[]): void
  /** Older hand-offs are still being copied into the cache (a long copy, newest first). */
  copyingOlder: boolean
}

/**
 * Answers `log:list` as the core does, from a list the test sets: newest first by time (the id
 * breaking ties), or oldest first when asked, narrowed to an agent (by, from or to) and a time
 * range, `before` keyset-paged from the entry of that id, `nextBefore` while more entries remain.
 * `log:changed` is emitted by `add` (or by hand with `fake.emit`).
 */
export function fakeLog(fake: FakeObserve, entries: LogEntry[] = []): FakeLog {
  const log: FakeLog = {
    entries,
    copyingOlder: false,
    add(...added) {
      log.entries = [...log.entries, ...added]
      fake.emit('log:changed', {})
    },
  }
  fake.handlers['log:list'] = ({ before = null, limit = 50, agentId, from, to, order = 'newest_first' }) => {
    const found = before === null ? null : log.entries.find((entry) => entry.id === before)
    // An entry gone took every older one with it: nothing is below it, and all that is left is above it.
    if (found === undefined && order === 'newest_first') return { entries: [], nextBefore: null, copyingOlder: log.copyingOlder }
    const cursor = found ?? null
    // Written out here rather than taken from the page's code, so a mistake there shows against it.
    const newestFirst = (a: LogEntry, b: LogEntry) => b.at - a.at || b.id - a.id
    const inOrder = order === 'newest_first' ? newestFirst : (a: LogEntry, b: LogEntry) => newestFirst(b, a)
    const after = [...log.entries]
      .sort(inOrder)
      .filter((entry) => cursor === null || inOrder(cursor, entry) < 0)
      .filter((entry) => agentId === undefined || [entry.byAgentId, entry.fromAgentId, entry.toAgentId].includes(agentId))
      .filter((entry) => (from === undefined || entry.at >= from) && (to === undefined || entry.at < to))
    const page = after.slice(0, limit)
    return { entries: page, nextBefore: after.length > limit ? page.at(-1)!.id : null, copyingOlder: log.copyingOlder }
  }
  return log
}
