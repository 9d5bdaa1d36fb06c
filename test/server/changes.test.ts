import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Change, ChangesPage, WorkspaceResponse, type ApiError } from '../../shared/api'
import { Agent, Conversation } from '../../shared/domain'
import { startClient, type Client } from './helpers'

describe('the change feed', () => {
  let client: Client
  beforeAll(async () => {
    client = await startClient({ seed: 100 })
  })
  afterAll(() => client.server.close())

  it('records a demo conversation and its first message after the workspace seq', async () => {
    const { seq } = WorkspaceResponse.parse((await client.get('/workspace')).body)
    const created = await client.post('/demo/conversations', { channel: 'instagram', customerName: 'Sri Wahyuni', text: 'Halo min' })
    expect(created.status).toBe(201)
    const conversation = Conversation.parse(created.body)
    expect(conversation).toMatchObject({ status: 'in_queue', channel: 'instagram', type: 'inbox', agentId: null, version: 1 })
    expect(conversation.customer.name).toBe('Sri Wahyuni')

    const page = ChangesPage.parse((await client.get(`/changes?after=${seq}`)).body)
    const changes = page.changes.map((change) => Change.parse(change))
    expect(changes.map((c) => c.entity)).toEqual(['conversation', 'message'])
    expect(changes.map((c) => c.seq)).toEqual([seq + 1, seq + 2])
    expect(changes[0]!.data).toEqual(conversation)
    expect(changes[1]).toMatchObject({ entity: 'message', data: { conversationId: conversation.id, text: 'Halo min', direction: 'in' } })
    expect(page).toMatchObject({ lastSeq: seq + 2, hasMore: false })

    const limited = ChangesPage.parse((await client.get(`/changes?after=${seq}&limit=1`)).body)
    expect(limited).toMatchObject({ lastSeq: seq + 1, hasMore: true })
    const empty = ChangesPage.parse((await client.get(`/changes?after=${seq + 2}`)).body)
    expect(empty).toEqual({ changes: [], lastSeq: seq + 2, hasMore: false })
  })

  it('assigns once per Idempotency-Key, bumping version and agent load and adding a note in the feed', async () => {
    const conversation = Conversation.parse((await client.post('/demo/conversations', {})).body)
    const workspace = WorkspaceResponse.parse((await client.get('/workspace')).body)
    const agent = workspace.agents.find((a) => a.role === 'agent' && a.load < a.quota)!
    const body = { agentId: agent.id, expectedVersion: conversation.version }
    const first = await client.post('/conversations/' + conversation.id + '/assign', body, { 'idempotency-key': 'k-1' })
    const replay = await client.post('/conversations/' + conversation.id + '/assign', body, { 'idempotency-key': 'k-1' })
    expect(first.status).toBe(200)
    expect(replay).toEqual(first)
    expect(Conversation.parse(first.body)).toMatchObject({ status: 'handled', agentId: agent.id, lastAgentId: agent.id, version: 2 })

    const changes = ChangesPage.parse((await client.get(`/changes?after=${workspace.seq}`)).body).changes.map((c) => Change.parse(c))
    expect(changes.map((c) => c.entity)).toEqual(['conversation', 'agent', 'message'])
    expect(Agent.parse(changes[1]!.data).load).toBe(agent.load + 1)

    const stale = await client.post<ApiError>('/conversations/' + conversation.id + '/assign', body, { 'idempotency-key': 'k-2' })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('conflict')
    const reused = await client.post<ApiError>('/conversations/' + conversation.id + '/assign', { agentId: 1 }, { 'idempotency-key': 'k-1' })
    expect(reused.status).toBe(422)
  })

  it('answers 410 cursor_expired for a cursor from the future (another dataset)', async () => {
    const { seq } = WorkspaceResponse.parse((await client.get('/workspace')).body)
    const reply = await client.get<ApiError>(`/changes?after=${seq + 1000}`)
    expect(reply.status).toBe(410)
    expect(reply.body.error.code).toBe('cursor_expired')
    expect(reply.body.error.message).toMatch(/start over/)
  })

  it('answers 410 cursor_expired once a cursor falls behind the kept changes', async () => {
    const small = await startClient({ seed: 10, changeRetention: 3 })
    try {
      for (let i = 0; i < 3; i++) expect((await small.post('/demo/conversations', {})).status).toBe(201)
      const { seq } = WorkspaceResponse.parse((await small.get('/workspace')).body)
      expect(seq).toBe(6)
      expect((await small.get(`/changes?after=${seq - 3}`)).status).toBe(200)
      const old = await small.get<ApiError>('/changes?after=0')
      expect(old.status).toBe(410)
      expect(old.body.error.code).toBe('cursor_expired')
      expect((await small.get<ApiError>(`/changes?after=${seq - 4}`)).status).toBe(410)
    } finally {
      await small.server.close()
    }
  })

  it('hides the demo endpoint when demo mode is off', async () => {
    const plain = await startClient({ seed: 5, demo: false })
    try {
      const reply = await plain.post<ApiError>('/demo/conversations', {})
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('not_found')
    } finally {
      await plain.server.close()
    }
  })
})
