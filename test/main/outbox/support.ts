/** Helpers for outbox tests: the server's own view over HTTP, and the core's view over IPC. */
import { expect } from 'vitest'
import { AssignmentRecord, AssignmentsPage, SignInResponse } from '../../../shared/api'
import { Agent, Conversation } from '../../../shared/domain'
import type { Core } from '../../../electron/main/core'
import type { ConversationDetail, OutboxAction, OutboxEnqueueResult, Workspace } from '../../../shared/ipc'
import { ipc } from '../support/reference'

export const FAST_OUTBOX = { backoff: { baseMs: 40, maxMs: 250 } }

/** A signed-in HTTP client of the reference server, as the test's independent witness. */
export class Witness {
  private token: string | null = null
  constructor(
    private readonly url: () => string,
    private readonly credentials: { email: string; password: string },
  ) {}

  private async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    if (this.token === null) {
      const res = await fetch(`${this.url()}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(this.credentials),
      })
      this.token = SignInResponse.parse(await res.json()).token
    }
    const res = await fetch(`${this.url()}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, json: await res.json() }
  }

  async get<T>(path: string): Promise<T> {
    const { status, json } = await this.call('GET', path)
    if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(json)}`)
    return json as T
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    return this.call('POST', path, body, headers)
  }

  async conversation(id: number): Promise<Conversation> {
    return Conversation.parse(await this.get(`/conversations/${id}`))
  }

  async agents(): Promise<Agent[]> {
    return (await this.get<{ agents: unknown[] }>('/workspace')).agents.map((a) => Agent.parse(a))
  }

  async assignments(): Promise<AssignmentRecord[]> {
    const out: AssignmentRecord[] = []
    let after = 0
    for (;;) {
      const page = AssignmentsPage.parse(await this.get(`/assignments?after=${after}&limit=1000`))
      out.push(...page.items.map((item) => AssignmentRecord.parse(item)))
      if (page.nextAfter === null) return out
      after = page.nextAfter
    }
  }

  /** The customer writes in: the conversation's version moves on, nothing else about it changes. */
  async customerWrites(id: number, text: string): Promise<void> {
    const { status } = await this.post(`/demo/conversations/${id}/messages`, { text })
    if (status !== 201) throw new Error(`demo message: ${status}`)
  }

  async newQueued(name: string): Promise<Conversation> {
    const { status, json } = await this.post('/demo/conversations', { customerName: name })
    if (status !== 200 && status !== 201) throw new Error(`demo conversation: ${status}`)
    const parsed = Conversation.safeParse(json)
    return parsed.success ? parsed.data : Conversation.parse((json as { conversation: unknown }).conversation)
  }
}

/** The dataset the cache holds now, as a page reads it (Workspace.datasetId): what a page up to date sends with an action. */
export const datasetSeen = async (core: Core): Promise<string | null> => (await ipc<Workspace>(core, 'workspace:get')).datasetId

export const assign = async (core: Core, conversationIds: number[], agentId: number, overrideQuota = false) =>
  ipc<OutboxEnqueueResult>(core, 'outbox:assign', { conversationIds, agentId, overrideQuota, dataset: await datasetSeen(core) })

export const transfer = async (core: Core, conversationId: number, agentId: number, overrideQuota = false) =>
  ipc<OutboxEnqueueResult>(core, 'outbox:transfer', { conversationId, agentId, overrideQuota, dataset: await datasetSeen(core) })

export const outboxList = async (core: Core): Promise<OutboxAction[]> => (await ipc<{ actions: OutboxAction[] }>(core, 'outbox:list')).actions

export const cached = async (core: Core, id: number): Promise<Conversation> => (await ipc<ConversationDetail>(core, 'conversations:get', { id })).conversation

export async function waitDrained(core: Core, timeout = 30_000): Promise<void> {
  await expect
    .poll(async () => (await outboxList(core)).filter((a) => a.state === 'queued' || a.state === 'sending').length, { timeout, interval: 50 })
    .toBe(0)
}

/** The fields a supervisor sees and the sync keys on. */
export const essentials = (c: Conversation) => ({ id: c.id, status: c.status, agentId: c.agentId, lastAgentId: c.lastAgentId, version: c.version })

/** Polls until every given conversation in the cache equals the server's. */
export async function waitCacheEqualsServer(core: Core, witness: Witness, ids: number[], timeout = 20_000): Promise<void> {
  const server = await Promise.all(ids.map((id) => witness.conversation(id)))
  await expect
    .poll(async () => (await Promise.all(ids.map((id) => cached(core, id)))).map(essentials), { timeout, interval: 100 })
    .toEqual(server.map(essentials))
}
