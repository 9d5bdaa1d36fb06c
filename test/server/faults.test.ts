import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PREFIX, ChangesPage, FaultSettings, WorkspaceResponse, type ApiError, type ConversationsPage } from '../../shared/api'
import { Conversation } from '../../shared/domain'
import { Faults } from '../../server/faults'
import { openStream, request, startClient, waitFor, type Client } from './helpers'

const OFF = { latencyMs: 0, errorRate: 0, dropStreamAfter: 0, malformedRate: 0 }

describe('fault knobs', () => {
  let client: Client
  const setFaults = async (patch: Partial<FaultSettings>): Promise<FaultSettings> => {
    const reply = await client.post('/demo/faults', patch)
    expect(reply.status).toBe(200)
    return FaultSettings.parse(reply.body)
  }
  beforeAll(async () => {
    client = await startClient({ seed: 300 })
  })
  afterAll(() => client.server.close())

  it('starts with every fault off, and takes options at start', async () => {
    expect(FaultSettings.parse((await client.get('/demo/faults')).body)).toEqual({ ...OFF, seed: 1 })
    const slow = await startClient({ seed: 5, faults: { latencyMs: 150, seed: 9 } })
    try {
      expect(FaultSettings.parse((await slow.get('/demo/faults')).body)).toMatchObject({ latencyMs: 150, seed: 9 })
      const started = performance.now()
      expect((await slow.get('/stats')).status).toBe(200)
      expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    } finally {
      await slow.server.close()
    }
  })

  it('delays API answers by latencyMs, but not sign-in or the demo endpoints', async () => {
    await setFaults({ ...OFF, latencyMs: 5_000 })
    try {
      // Told by order, not by a stopwatch: sign-in and the demo endpoint answer while an API request
      // sent before them is still held back (sign-in's password hash took 0.3 s on a busy machine).
      let delayedDone = false
      const delayed = client.get('/workspace').then((res) => {
        delayedDone = true
        return res
      })
      expect((await request(client.server, 'POST', '/auth/sign-in', { body: client.server.credentials })).status).toBe(200)
      expect((await client.get('/demo/faults')).status).toBe(200)
      expect(delayedDone).toBe(false)
      expect((await delayed).status).toBe(200)
    } finally {
      await setFaults(OFF)
    }
  })

  it('answers a seeded, repeatable share of requests with 503 before handling them', async () => {
    const run = async (): Promise<number[]> => {
      await setFaults({ ...OFF, errorRate: 0.3, seed: 7 })
      const statuses: number[] = []
      for (let i = 0; i < 100; i++) statuses.push((await client.get('/stats')).status)
      return statuses
    }
    try {
      const first = await run()
      expect(new Set(first)).toEqual(new Set([200, 503]))
      const failures = first.filter((status) => status === 503).length
      expect(failures).toBeGreaterThan(15)
      expect(failures).toBeLessThan(45)
      expect(await run()).toEqual(first)

      await setFaults({ errorRate: 1 })
      const failed = await client.get<ApiError>('/conversations')
      expect(failed.status).toBe(503)
      expect(failed.body.error.code).toBe('unavailable')
      // However the path is spelled: the fault goes by the route matched, as the token check does.
      const token = (await request<{ token: string }>(client.server, 'POST', '/auth/sign-in', { body: client.server.credentials })).body.token
      const spelled = await fetch(`${client.server.url}/%61pi/v1/conversations`, { headers: { authorization: `Bearer ${token}` } })
      expect(spelled.status).toBe(503)
      // An action refused by a fault is not applied.
      const conversation = Conversation.parse((await client.post('/demo/conversations', {})).body)
      expect((await client.post(`/conversations/${conversation.id}/assign`, { agentId: 2, overrideQuota: true }, { 'idempotency-key': 'fault-1' })).status).toBe(503)
      expect((await request(client.server, 'POST', '/auth/sign-in', { body: client.server.credentials })).status).toBe(200)
      await setFaults({ errorRate: 0 })
      expect(Conversation.parse((await client.get(`/conversations/${conversation.id}`)).body).status).toBe('in_queue')
      // The key was never used, so the retry applies it now.
      expect((await client.post(`/conversations/${conversation.id}/assign`, { agentId: 2, overrideQuota: true }, { 'idempotency-key': 'fault-1' })).status).toBe(200)
    } finally {
      await setFaults(OFF)
    }
  })

  it('sends a share of conversation records malformed in pages, the same ones every time, without touching the store', async () => {
    await setFaults({ ...OFF, malformedRate: 0.2, seed: 3 })
    try {
      const page = (await client.get<ConversationsPage>('/conversations?limit=300')).body
      expect(page.items).toHaveLength(300)
      const bad = page.items.filter((item) => !Conversation.safeParse(item).success)
      expect(bad.length).toBeGreaterThan(30)
      expect(bad.length).toBeLessThan(90)
      // Every bad record still says which one it is, and the variants differ.
      expect(bad.every((item) => typeof (item as { id: unknown }).id === 'number')).toBe(true)
      const missingCustomer = bad.filter((item) => !('customer' in (item as object))).length
      const badStatus = bad.filter((item) => (item as { status: unknown }).status === 'open').length
      const stringVersion = bad.filter((item) => typeof (item as { version: unknown }).version === 'string').length
      expect([missingCustomer, badStatus, stringVersion].every((n) => n > 0)).toBe(true)
      expect(missingCustomer + badStatus + stringVersion).toBe(bad.length)
      expect((await client.get<ConversationsPage>('/conversations?limit=300')).body).toEqual(page)

      const one = (bad[0] as { id: number }).id
      expect(Conversation.safeParse((await client.get(`/conversations/${one}`)).body).success).toBe(true)
      await setFaults({ malformedRate: 0 })
      const clean = (await client.get<ConversationsPage>('/conversations?limit=300')).body
      expect(clean.items.every((item) => Conversation.safeParse(item).success)).toBe(true)
      expect(clean.nextAfter).toBe(page.nextAfter)

      await setFaults({ malformedRate: 1 })
      const all = (await client.get<ConversationsPage>('/conversations?limit=20')).body
      expect(all.items.some((item) => Conversation.safeParse(item).success)).toBe(false)
    } finally {
      await setFaults(OFF)
    }
  })

  it('malforms conversation changes alike in /changes and /stream, and leaves other changes alone', async () => {
    const { seq } = WorkspaceResponse.parse((await client.get('/workspace')).body)
    for (let i = 0; i < 20; i++) await client.post('/demo/conversations', {})
    await setFaults({ ...OFF, malformedRate: 0.5, seed: 11 })
    try {
      const page = ChangesPage.parse((await client.get(`/changes?after=${seq}`)).body)
      expect(page.changes).toHaveLength(40)
      const conversations = page.changes.filter((change) => change.entity === 'conversation')
      const bad = conversations.filter((change) => !Conversation.safeParse(change.data).success)
      expect(bad.length).toBeGreaterThan(3)
      expect(bad.length).toBeLessThan(17)
      expect(page.changes.filter((change) => change.entity === 'message').every((change) => typeof change.data === 'object')).toBe(true)

      const stream = await openStream(client, { after: seq })
      try {
        await waitFor(() => stream.events.length >= 40, 5000, '40 events')
        expect(stream.events.map((event) => JSON.parse(event.data) as unknown)).toEqual(page.changes)
      } finally {
        stream.close()
      }
    } finally {
      await setFaults(OFF)
    }
    const clean = ChangesPage.parse((await client.get(`/changes?after=${seq}`)).body)
    expect(clean.changes.filter((c) => c.entity === 'conversation').every((c) => Conversation.safeParse(c.data).success)).toBe(true)
  })

  it('closes an event stream after dropStreamAfter change events; a resume picks up from there', async () => {
    const { seq } = WorkspaceResponse.parse((await client.get('/workspace')).body)
    await setFaults({ ...OFF, dropStreamAfter: 3 })
    try {
      for (let i = 0; i < 4; i++) await client.post('/demo/conversations', {})
      const first = await openStream(client, { after: seq })
      await waitFor(() => first.ended, 5000, 'the stream to drop')
      expect(first.events.map((event) => Number(event.id))).toEqual([seq + 1, seq + 2, seq + 3])

      // Live events count too: resume, then watch it drop again after three more.
      const second = await openStream(client, { lastEventId: String(seq + 3) })
      await waitFor(() => second.ended, 5000, 'the resumed stream to drop')
      expect(second.events.map((event) => Number(event.id))).toEqual([seq + 4, seq + 5, seq + 6])
      const third = await openStream(client, { lastEventId: String(seq + 6) })
      await waitFor(() => third.events.length === 2, 5000, 'the backlog')
      expect(third.ended).toBe(false)
      await client.post('/demo/conversations', {})
      await waitFor(() => third.ended, 5000, 'a live drop')
      expect(third.events.map((event) => Number(event.id))).toEqual([seq + 7, seq + 8, seq + 9])
    } finally {
      await setFaults(OFF)
    }
  })

  it('rejects out-of-range knobs with 400, and offers no fault endpoint outside demo mode', async () => {
    for (const body of [{ errorRate: 1.5 }, { malformedRate: -0.1 }, { latencyMs: 'slow' }, { dropStreamAfter: 2.5 }]) {
      const reply = await client.post<ApiError>('/demo/faults', body)
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('invalid_request')
    }
    const plain = await startClient({ seed: 5, demo: false })
    try {
      expect((await plain.post('/demo/faults', { errorRate: 1 })).status).toBe(404)
    } finally {
      await plain.server.close()
    }
  })

  it('ends a latency wait when the server closes, and runs nothing of that request against the closed store', async () => {
    // A client that gave up has closed its socket, so the HTTP server's close does not wait for the
    // request: left alone, its handler would run when the latency ran out, on a closed database.
    const app = Fastify()
    const faults = new Faults({ latencyMs: 60_000 })
    faults.register(app)
    let handled = 0
    app.get(`${API_PREFIX}/stats`, async () => ({ handled: ++handled }))
    try {
      const answer = app.inject({ method: 'GET', url: `${API_PREFIX}/stats` })
      await expect.poll(() => faults.waiting).toBe(1)
      faults.close()
      expect((await answer).statusCode).toBe(503)
      expect(handled).toBe(0)
      expect(faults.waiting).toBe(0)
    } finally {
      await app.close()
    }
  })
})
