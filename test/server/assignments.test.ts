import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AssignmentRecord,
  AssignmentsPage,
  Change,
  ChangesPage,
  ConflictError,
  WorkspaceResponse,
  type ApiError,
  type MessagesPage,
} from '../../shared/api'
import { Agent, Conversation, Message } from '../../shared/domain'
import { startReferenceServer } from '../../server/index'
import { connect, request, signIn, startClient, type Client } from './helpers'

async function agents(client: Client): Promise<Agent[]> {
  return WorkspaceResponse.parse((await client.get('/workspace')).body).agents
}

async function agentById(client: Client, id: number): Promise<Agent> {
  return (await agents(client)).find((agent) => agent.id === id)!
}

/** An online agent with room for at least `room` more chats. */
async function roomyAgent(client: Client, room = 1, except: number[] = []): Promise<Agent> {
  const found = (await agents(client)).find((a) => a.role === 'agent' && a.presence === 'online' && a.quota - a.load >= room && !except.includes(a.id))
  if (found === undefined) throw new Error('no online agent with room')
  return found
}

async function queued(client: Client): Promise<Conversation> {
  const reply = await client.post('/demo/conversations', {})
  expect(reply.status).toBe(201)
  return Conversation.parse(reply.body)
}

async function records(client: Client, conversationId?: number): Promise<AssignmentRecord[]> {
  const items: AssignmentRecord[] = []
  let after = 0
  for (;;) {
    const query = conversationId === undefined ? `?after=${after}&limit=7` : `?conversationId=${conversationId}&after=${after}&limit=7`
    const reply = await client.get<AssignmentsPage>(`/assignments${query}`)
    expect(reply.status).toBe(200)
    const page = AssignmentsPage.parse(reply.body)
    items.push(...page.items.map((item) => AssignmentRecord.parse(item)))
    if (page.nextAfter === null) return items
    after = page.nextAfter
  }
}

async function thread(client: Client, conversationId: number): Promise<Message[]> {
  const reply = await client.get<MessagesPage>(`/conversations/${conversationId}/messages?limit=200`)
  return reply.body.items.map((item) => Message.parse(item))
}

describe('assign and transfer', () => {
  let client: Client
  let supervisor: Agent
  beforeAll(async () => {
    client = await startClient({ seed: 200 })
    supervisor = Agent.parse((await client.get('/me')).body)
  })
  afterAll(() => client.server.close())

  it('applies an assignment exactly once per Idempotency-Key, however often and concurrently it is sent', async () => {
    const conversation = await queued(client)
    const agent = await roomyAgent(client)
    const { seq } = WorkspaceResponse.parse((await client.get('/workspace')).body)
    const body = { agentId: agent.id, expectedVersion: conversation.version }
    const path = `/conversations/${conversation.id}/assign`
    const burst = await Promise.all(Array.from({ length: 10 }, () => client.post(path, body, { 'idempotency-key': 'once-1' })))
    const later = await client.post(path, body, { 'idempotency-key': 'once-1' })
    for (const reply of [...burst, later]) expect(reply).toEqual(burst[0])
    expect(burst[0]!.status).toBe(200)
    const assigned = Conversation.parse(burst[0]!.body)
    expect(assigned).toMatchObject({ status: 'handled', agentId: agent.id, lastAgentId: agent.id, version: conversation.version + 1 })

    // The server's own record: one application for this key.
    const log = await records(client, conversation.id)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ conversationId: conversation.id, action: 'assign', byAgentId: supervisor.id, fromAgentId: null, toAgentId: agent.id })
    expect((await agentById(client, agent.id)).load).toBe(agent.load + 1)

    // The feed carries the conversation, the load and the thread's note, once.
    const changes = ChangesPage.parse((await client.get(`/changes?after=${seq}`)).body).changes.map((c) => Change.parse(c))
    expect(changes.map((c) => c.entity)).toEqual(['conversation', 'agent', 'message'])
    expect(changes[0]!.data).toEqual(assigned)
    expect(Agent.parse(changes[1]!.data)).toMatchObject({ id: agent.id, load: agent.load + 1 })
    const note = Message.parse(changes[2]!.data)
    expect(note).toMatchObject({ conversationId: conversation.id, sender: { kind: 'system' }, text: `Assigned to ${agent.name} by ${supervisor.name}` })
    // What the note says, for a client to word in its own language; the text stays the English fallback.
    expect(note.event).toEqual({ kind: 'assigned', to: { id: agent.id, name: agent.name }, by: { id: supervisor.id, name: supervisor.name } })
    const notes = (await thread(client, conversation.id)).filter((m) => m.sender.kind === 'system')
    expect(notes).toEqual([note])
  })

  it('counts one application per key across many keys', async () => {
    const before = (await records(client)).length
    const conversations = await Promise.all([1, 2, 3, 4, 5].map(() => queued(client)))
    const agent = await roomyAgent(client, 5)
    for (const [index, conversation] of conversations.entries()) {
      const send = (): ReturnType<Client['post']> =>
        client.post(`/conversations/${conversation.id}/assign`, { agentId: agent.id }, { 'idempotency-key': `many-${index}` })
      const replies = await Promise.all([send(), send(), send()])
      expect(new Set(replies.map((r) => JSON.stringify(r))).size).toBe(1)
    }
    for (const conversation of conversations) expect(await records(client, conversation.id)).toHaveLength(1)
    expect((await records(client)).length).toBe(before + 5)
    expect((await agentById(client, agent.id)).load).toBe(agent.load + 5)
  })

  it('answers 422 idempotency_key_reused for the same key on a different request', async () => {
    const conversation = await queued(client)
    const agent = await roomyAgent(client)
    const path = `/conversations/${conversation.id}/assign`
    expect((await client.post(path, { agentId: agent.id }, { 'idempotency-key': 'reuse-1' })).status).toBe(200)
    const other = await client.post<ApiError>(path, { agentId: agent.id, overrideQuota: true }, { 'idempotency-key': 'reuse-1' })
    expect(other.status).toBe(422)
    expect(other.body.error.code).toBe('idempotency_key_reused')
    const asTransfer = await client.post<ApiError>(`/conversations/${conversation.id}/transfer`, { agentId: agent.id }, { 'idempotency-key': 'reuse-1' })
    expect(asTransfer.status).toBe(422)
    expect(asTransfer.body.error.code).toBe('idempotency_key_reused')
    expect(await records(client, conversation.id)).toHaveLength(1)
  })

  it('remembers a rejection for its key: a replay is refused the same way even once it would succeed', async () => {
    const conversation = await queued(client)
    const agent = await roomyAgent(client)
    const path = `/conversations/${conversation.id}/assign`
    const stale = await client.post(path, { agentId: agent.id, expectedVersion: conversation.version + 5 }, { 'idempotency-key': 'refused-1' })
    expect(stale.status).toBe(409)
    expect(await client.post(path, { agentId: agent.id, expectedVersion: conversation.version + 5 }, { 'idempotency-key': 'refused-1' })).toEqual(stale)
    expect(await records(client, conversation.id)).toHaveLength(0)
  })

  it('rejects with 409 conflict and the current conversation: taken by another agent, resolved, or a stale version', async () => {
    const conversation = await queued(client)
    const first = await roomyAgent(client)
    const second = await roomyAgent(client, 1, [first.id])
    const path = `/conversations/${conversation.id}/assign`
    const taken = Conversation.parse((await client.post(path, { agentId: first.id })).body)

    const other = await client.post<ConflictError>(path, { agentId: second.id })
    expect(other.status).toBe(409)
    expect(ConflictError.parse(other.body)).toMatchObject({ error: { code: 'conflict' }, conversation: taken })

    const stale = await client.post<ConflictError>(path, { agentId: first.id, expectedVersion: conversation.version })
    expect(stale.status).toBe(409)
    expect(ConflictError.parse(stale.body).conversation.version).toBe(taken.version)

    // Assigning it again to the agent who has it changes nothing.
    const again = await client.post(path, { agentId: first.id })
    expect(again).toEqual({ status: 200, body: taken })

    const page = (await client.get<{ items: Conversation[] }>('/conversations?status=resolved&limit=1')).body
    const resolved = Conversation.parse(page.items[0])
    // The seed logged how it reached its agent; the refused assignment must add nothing to that.
    const resolvedLog = await records(client, resolved.id)
    const closed = await client.post<ConflictError>(`/conversations/${resolved.id}/assign`, { agentId: first.id })
    expect(closed.status).toBe(409)
    expect(ConflictError.parse(closed.body).conversation).toEqual(resolved)
    expect(await records(client, conversation.id)).toHaveLength(1)
    expect(await records(client, resolved.id)).toEqual(resolvedLog)
  })

  it('rejects with 422 for an offline, over-quota or unknown agent, unless the quota is overridden', async () => {
    const everyone = await agents(client)
    const offline = everyone.find((a) => a.role === 'agent' && a.presence === 'offline')!
    const conversation = await queued(client)
    const path = `/conversations/${conversation.id}/assign`
    const down = await client.post<ApiError>(path, { agentId: offline.id, overrideQuota: true })
    expect(down.status).toBe(422)
    expect(down.body.error.code).toBe('agent_offline')
    const nobody = await client.post<ApiError>(path, { agentId: 999 })
    expect(nobody.status).toBe(422)
    expect(nobody.body.error.code).toBe('unknown_agent')

    // Fill one agent to quota, then one more is refused until overridden.
    const agent = await roomyAgent(client)
    for (let i = agent.load; i < agent.quota; i++) {
      const next = await queued(client)
      expect((await client.post(`/conversations/${next.id}/assign`, { agentId: agent.id })).status).toBe(200)
    }
    const full = await client.post<ApiError>(path, { agentId: agent.id })
    expect(full.status).toBe(422)
    expect(full.body.error.code).toBe('over_quota')
    const forced = await client.post(path, { agentId: agent.id, overrideQuota: true })
    expect(forced.status).toBe(200)
    expect((await agentById(client, agent.id)).load).toBe(agent.quota + 1)
    expect(await records(client, conversation.id)).toHaveLength(1)
  })

  it('answers 404 for an unknown conversation and 400 for malformed input', async () => {
    const agent = await roomyAgent(client)
    const missing = await client.post<ApiError>('/conversations/999999/assign', { agentId: agent.id })
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
    expect((await client.post<ApiError>('/conversations/999999/transfer', { agentId: agent.id })).status).toBe(404)
    const bad: Array<[string, unknown, Record<string, string>?]> = [
      ['/conversations/abc/assign', { agentId: agent.id }],
      ['/conversations/1/assign', { agentId: 'two' }],
      ['/conversations/1/assign', {}],
      ['/conversations/1/assign', { agentId: agent.id, expectedVersion: 0 }],
      ['/conversations/1/transfer', { agentId: agent.id, overrideQuota: 'yes' }],
      ['/conversations/1/assign', { agentId: agent.id }, { 'idempotency-key': 'k'.repeat(201) }],
    ]
    for (const [path, body, headers] of bad) {
      const reply = await client.post<ApiError>(path, body, headers)
      expect(reply.status, path + JSON.stringify(body)).toBe(400)
      expect(reply.body.error.code).toBe('invalid_request')
    }
    const noJson = await fetch(`${client.server.url}/api/v1/conversations/1/assign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
      body: '{"agentId":',
    })
    expect(noJson.status).toBe(400)
  })

  it('lets agents pick a queued chat up themselves, and nothing more', async () => {
    const token = await signIn(client.server, 'rani@observe.demo', 'observe-demo')
    const rani = Agent.parse((await request(client.server, 'GET', '/me', { token })).body)
    const colleague = await roomyAgent(client, 1, [rani.id])
    const conversation = await queued(client)
    const path = `/conversations/${conversation.id}/assign`
    const forOther = await request<ApiError>(client.server, 'POST', path, { token, body: { agentId: colleague.id } })
    expect(forOther.status).toBe(403)
    expect(forOther.body.error.code).toBe('forbidden')
    const own = await request(client.server, 'POST', path, { token, body: { agentId: rani.id, overrideQuota: true } })
    expect(own.status).toBe(200)
    const transfer = await request<ApiError>(client.server, 'POST', `/conversations/${conversation.id}/transfer`, { token, body: { agentId: colleague.id } })
    expect(transfer.status).toBe(403)
    expect((await request<ApiError>(client.server, 'GET', '/assignments', { token })).status).toBe(403)
    const [record] = await records(client, conversation.id)
    expect(record).toMatchObject({ action: 'assign', byAgentId: rani.id, toAgentId: rani.id })
    expect((await thread(client, conversation.id)).at(-1)?.text ?? '').not.toBe('')
    const notes = (await thread(client, conversation.id)).filter((m) => m.sender.kind === 'system')
    expect(notes.map((m) => m.text)).toEqual([`Picked up by ${rani.name}`])
    const ranis = { id: rani.id, name: rani.name }
    expect(notes.map((m) => m.event)).toEqual([{ kind: 'picked_up', to: ranis, by: ranis }])
  })

  it('transfers a handled chat to another agent once, moving both loads, with a log record and a note', async () => {
    const conversation = await queued(client)
    const from = await roomyAgent(client)
    const to = await roomyAgent(client, 1, [from.id])
    const handled = Conversation.parse((await client.post(`/conversations/${conversation.id}/assign`, { agentId: from.id })).body)
    const fromLoad = (await agentById(client, from.id)).load
    const { seq } = WorkspaceResponse.parse((await client.get('/workspace')).body)
    const path = `/conversations/${conversation.id}/transfer`
    const body = { agentId: to.id, expectedVersion: handled.version }
    const first = await client.post(path, body, { 'idempotency-key': 'move-1' })
    expect(first.status).toBe(200)
    expect(await client.post(path, body, { 'idempotency-key': 'move-1' })).toEqual(first)
    expect(Conversation.parse(first.body)).toMatchObject({ status: 'handled', agentId: to.id, lastAgentId: to.id, version: handled.version + 1 })
    expect((await agentById(client, from.id)).load).toBe(fromLoad - 1)
    expect((await agentById(client, to.id)).load).toBe(to.load + 1)

    const log = await records(client, conversation.id)
    expect(log.map((r) => [r.action, r.fromAgentId, r.toAgentId, r.byAgentId])).toEqual([
      ['assign', null, from.id, supervisor.id],
      ['transfer', from.id, to.id, supervisor.id],
    ])
    const changes = ChangesPage.parse((await client.get(`/changes?after=${seq}`)).body).changes.map((c) => Change.parse(c))
    expect(changes.map((c) => c.entity)).toEqual(['conversation', 'agent', 'agent', 'message'])
    expect(changes.slice(1, 3).map((c) => (c.data as Agent).id)).toEqual([from.id, to.id])
    expect((changes[3]!.data as Message).text).toBe(`Transferred from ${from.name} to ${to.name} by ${supervisor.name}`)
    expect((changes[3]!.data as Message).event).toEqual({
      kind: 'transferred',
      from: { id: from.id, name: from.name },
      to: { id: to.id, name: to.name },
      by: { id: supervisor.id, name: supervisor.name },
    })

    const same = await client.post<ConflictError>(path, { agentId: to.id })
    expect(same.status).toBe(409)
    expect(ConflictError.parse(same.body).conversation.agentId).toBe(to.id)
    const stale = await client.post<ConflictError>(path, { agentId: from.id, expectedVersion: handled.version })
    expect(stale.status).toBe(409)
    const waiting = await queued(client)
    const notHandled = await client.post<ConflictError>(`/conversations/${waiting.id}/transfer`, { agentId: to.id })
    expect(notHandled.status).toBe(409)
    expect(ConflictError.parse(notHandled.body).conversation.status).toBe('in_queue')
    const offline = (await agents(client)).find((a) => a.role === 'agent' && a.presence === 'offline')!
    const down = await client.post<ApiError>(path, { agentId: offline.id })
    expect(down.body.error.code).toBe('agent_offline')
    expect(await records(client, conversation.id)).toHaveLength(2)
  })

  it('transfers on the agent the caller saw, whatever the customer wrote since; another agent there is a conflict', async () => {
    const conversation = await queued(client)
    const from = await roomyAgent(client)
    const to = await roomyAgent(client, 1, [from.id])
    const handled = Conversation.parse((await client.post(`/conversations/${conversation.id}/assign`, { agentId: from.id })).body)
    const wrote = await client.post(`/demo/conversations/${conversation.id}/messages`, { text: 'Masih di sana, kak?' })
    expect(Message.parse(wrote.body)).toMatchObject({ direction: 'in', sender: { kind: 'customer' } })
    const path = `/conversations/${conversation.id}/transfer`
    // The version moved with the message: a check on it would refuse a transfer nothing stands against.
    expect((await client.post(path, { agentId: to.id, expectedVersion: handled.version })).status).toBe(409)
    const other = (await agents(client)).find((a) => a.id !== from.id && a.id !== to.id)!
    const elsewhere = await client.post<ConflictError>(path, { agentId: to.id, expectedAgentId: other.id })
    expect(elsewhere.status).toBe(409)
    expect(ConflictError.parse(elsewhere.body).conversation.agentId).toBe(from.id)
    const moved = await client.post(path, { agentId: to.id, expectedAgentId: from.id })
    expect(moved.status).toBe(200)
    expect(Conversation.parse(moved.body)).toMatchObject({ agentId: to.id, version: handled.version + 2 })
  })

  it('reads the log newest first when asked, a keyset page at a time down to the oldest record, for one chat or all', async () => {
    const conversation = await queued(client)
    const agent = await roomyAgent(client)
    expect((await client.post(`/conversations/${conversation.id}/assign`, { agentId: agent.id, expectedVersion: conversation.version })).status).toBe(200)

    const newestFirst = async (filter: string): Promise<number[]> => {
      const ids: number[] = []
      let before: number | null = null
      for (;;) {
        const reply = await client.get<AssignmentsPage>(`/assignments?order=newest_first&limit=7${filter}${before === null ? '' : `&before=${before}`}`)
        expect(reply.status).toBe(200)
        const page = AssignmentsPage.parse(reply.body)
        expect(page.nextAfter).toBeNull()
        ids.push(...page.items.map((item) => AssignmentRecord.parse(item).id))
        if (page.nextBefore === null) return ids
        expect(page.nextBefore).toBe(ids.at(-1))
        before = page.nextBefore!
      }
    }
    const all = (await records(client)).map((r) => r.id)
    expect(all.length).toBeGreaterThan(7)
    expect(await newestFirst('')).toEqual([...all].reverse())
    expect(await newestFirst(`&conversationId=${conversation.id}`)).toEqual((await records(client, conversation.id)).map((r) => r.id).reverse())
    // Oldest first, as before, says nothing of a next page newest first.
    expect((await client.get('/assignments?limit=7')).body).not.toHaveProperty('nextBefore')
  })

  it('adds the note after a seeded thread that was not built yet', async () => {
    const page = (await client.get<{ items: Conversation[] }>('/conversations?status=handled&limit=50')).body
    const handled = page.items.map((item) => Conversation.parse(item)).find((c) => c.agentId !== null)!
    const to = await roomyAgent(client, 1, [handled.agentId!])
    expect((await client.post(`/conversations/${handled.id}/transfer`, { agentId: to.id })).status).toBe(200)
    const messages = await thread(client, handled.id)
    expect(messages[0]!.sender.kind).toBe('system')
    expect(messages[0]!.text).toMatch(/^Transferred from /)
    expect(messages.filter((m) => m.text.startsWith('Transferred'))).toHaveLength(1)
  })
})

describe('idempotency across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-idem-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('replays the first answer from the same database file and applies nothing twice', async () => {
    const dbFile = join(dir, 'reference.db')
    let client = await connect(await startReferenceServer({ dbFile, seed: 50, sim: false }))
    const conversation = await queued(client)
    const agent = await roomyAgent(client)
    const path = `/conversations/${conversation.id}/assign`
    const body = { agentId: agent.id, expectedVersion: conversation.version }
    const first = await client.post(path, body, { 'idempotency-key': 'restart-1' })
    const refused = await client.post(path, { agentId: 999 }, { 'idempotency-key': 'restart-2' })
    expect(first.status).toBe(200)
    expect(refused.status).toBe(422)
    await client.server.close()

    client = await connect(await startReferenceServer({ dbFile, seed: 50, sim: false }))
    try {
      expect(await client.post(path, body, { 'idempotency-key': 'restart-1' })).toEqual(first)
      expect(await client.post(path, { agentId: 999 }, { 'idempotency-key': 'restart-2' })).toEqual(refused)
      expect((await client.post<ApiError>(path, { agentId: 1 }, { 'idempotency-key': 'restart-1' })).status).toBe(422)
      expect(await records(client, conversation.id)).toHaveLength(1)
      expect((await agentById(client, agent.id)).load).toBe(agent.load + 1)
    } finally {
      await client.server.close()
    }
  })
})

describe('a store file from before notes carried their event', () => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-events-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('opens, keeps its notes as they were, and gives new notes their event', async () => {
    const dbFile = join(dir, 'reference.db')
    let client = await connect(await startReferenceServer({ dbFile, seed: 50, sim: false }))
    const before = await queued(client)
    const agent = await roomyAgent(client, 2)
    expect((await client.post(`/conversations/${before.id}/assign`, { agentId: agent.id })).status).toBe(200)
    await client.server.close()
    // What a version 2 server left: no event column, its notes with their text only.
    const old = new Database(dbFile)
    old.exec('ALTER TABLE messages DROP COLUMN event')
    old.pragma('user_version = 2')
    old.close()

    client = await connect(await startReferenceServer({ dbFile, seed: 50, sim: false }))
    try {
      const [oldNote] = (await thread(client, before.id)).filter((m) => m.sender.kind === 'system')
      const me = Agent.parse((await client.get('/me')).body)
      expect(oldNote).toMatchObject({ text: `Assigned to ${agent.name} by ${me.name}` })
      expect(oldNote!.event).toBeUndefined()
      const after = await queued(client)
      expect((await client.post(`/conversations/${after.id}/assign`, { agentId: agent.id })).status).toBe(200)
      const [newNote] = (await thread(client, after.id)).filter((m) => m.sender.kind === 'system')
      expect(newNote!.event).toMatchObject({ kind: 'assigned', to: { id: agent.id, name: agent.name } })
    } finally {
      await client.server.close()
    }
  })
})
