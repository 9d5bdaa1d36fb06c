import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request as httpRequest } from 'node:http'
import { API_PREFIX, SignInResponse, type ApiError } from '../../shared/api'
import { Agent } from '../../shared/domain'
import { request, signIn, startClient, type Client } from './helpers'

describe('sign-in and bearer tokens', () => {
  let client: Client
  beforeAll(async () => {
    client = await startClient({ seed: 20 })
  })
  afterAll(() => client.server.close())

  it('signs the demo supervisor in with a token and the user', async () => {
    const reply = await request(client.server, 'POST', '/auth/sign-in', { body: client.server.credentials })
    expect(reply.status).toBe(200)
    const body = SignInResponse.parse(reply.body)
    expect(body.user.role).toBe('supervisor')
    expect(body.user.email).toBe('spv@observe.demo')
    expect(body.expiresAt).toBeGreaterThan(Date.now() + 11 * 3600_000)
  })

  it('answers /me with the supervisor', async () => {
    const reply = await client.get('/me')
    expect(reply.status).toBe(200)
    expect(Agent.parse(reply.body).role).toBe('supervisor')
  })

  it('rejects a wrong password, a missing token and an unknown token with 401 ApiError', async () => {
    const wrong = await request<ApiError>(client.server, 'POST', '/auth/sign-in', { body: { email: 'spv@observe.demo', password: 'nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.code).toBe('unauthorized')
    const missing = await request<ApiError>(client.server, 'GET', '/workspace')
    expect(missing.status).toBe(401)
    expect(missing.body.error.code).toBe('unauthorized')
    const unknown = await request<ApiError>(client.server, 'GET', '/conversations', { token: 'x'.repeat(43) })
    expect(unknown.status).toBe(401)
  })

  it('signs agents in with their own role, and keeps assigning others to supervisors', async () => {
    const token = await signIn(client.server, 'rani@observe.demo', 'observe-demo')
    const me = await request<Agent>(client.server, 'GET', '/me', { token })
    expect(me.body.role).toBe('agent')
    const assign = await request<ApiError>(client.server, 'POST', '/conversations/1/assign', { token, body: { agentId: me.body.id + 1 } })
    expect(assign.status).toBe(403)
    expect(assign.body.error.code).toBe('forbidden')
  })

  it('answers malformed input with 400 invalid_request and a readable message', async () => {
    const reply = await request<ApiError>(client.server, 'POST', '/auth/sign-in', { body: { email: '' } })
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('invalid_request')
    expect(reply.body.error.message).toMatch(/email/)
  })
})

describe('what reaches the API', () => {
  let client: Client
  beforeAll(async () => {
    client = await startClient({ seed: 5 })
  })
  afterAll(() => client.server.close())

  it('asks for a token however the path is spelled: the router decodes it before it matches', async () => {
    for (const path of ['/%61pi/v1/workspace', '/api/v1/%63onversations']) {
      expect((await fetch(`${client.server.url}${path}`)).status, path).toBe(401)
    }
    // A fault switched on this way would break every client's sync.
    const faults = await fetch(`${client.server.url}/%61pi/v1/demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    })
    expect(faults.status).toBe(401)
    // Spelled plainly, with the token, the same routes answer.
    expect((await client.get('/workspace')).status).toBe(200)
  })

  it('answers only requests addressed to loopback, so a page that rebinds its DNS to 127.0.0.1 gets nothing', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${client.server.url}${API_PREFIX}/auth/sign-in`, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end(JSON.stringify(client.server.credentials))
      })
    expect(await status('evil.example')).toBe(421)
    expect(await status(`evil.example:${client.server.port}`)).toBe(421)
    expect(await status(`127.0.0.1:${client.server.port}`)).toBe(200)
    expect(await status(`localhost:${client.server.port}`)).toBe(200)
  })
})
