import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request as httpRequest } from 'node:http'
import { API_PREFIX, SignInResponse, type ApiError } from '../../shared/api'
import { Agent } from '../../shared/domain'
import { SIGN_IN_LIMIT, SignInThrottle } from '../../server/sign-in-throttle'
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

describe('guessing passwords', () => {
  let client: Client
  beforeAll(async () => {
    client = await startClient({ seed: 5 })
  })
  afterAll(() => client.server.close())

  it('holds an e-mail back for a while after five wrong passwords, even when the sixth is right', async () => {
    const attempt = (email: string, password: string) => request<ApiError>(client.server, 'POST', '/auth/sign-in', { body: { email, password } })
    for (let i = 0; i < SIGN_IN_LIMIT.failures; i++) expect((await attempt('spv@observe.demo', `guess-${i}`)).status).toBe(401)
    const held = await fetch(`${client.server.url}${API_PREFIX}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ' SPV@observe.demo', password: client.server.credentials.password }),
    })
    expect(held.status).toBe(429)
    expect(((await held.json()) as ApiError).error.code).toBe('too_many_attempts')
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(SIGN_IN_LIMIT.windowMs / 1000)
    // Another account is not held up by this one's failures.
    expect((await attempt('rani@observe.demo', 'observe-demo')).status).toBe(200)
  })

  it('counts failures in a sliding window and forgets them after a success', () => {
    const throttle = new SignInThrottle()
    const failTimes = (times: number[]) => times.forEach((at) => throttle.failed('a', at))
    failTimes([0, 1000, 2000, 3000])
    expect(throttle.waitMs('a', 3500)).toBe(0)
    throttle.failed('a', 4000)
    // Held until the oldest of the five leaves the window.
    expect(throttle.waitMs('a', 4000)).toBe(SIGN_IN_LIMIT.windowMs - 4000)
    expect(throttle.waitMs('a', SIGN_IN_LIMIT.windowMs - 1)).toBe(1)
    expect(throttle.waitMs('a', SIGN_IN_LIMIT.windowMs)).toBe(0)
    expect(throttle.waitMs('b', 4000)).toBe(0)
    throttle.succeeded('a')
    expect(throttle.waitMs('a', 4000)).toBe(0)
  })

  it('keeps bounded memory under a flood of e-mails', () => {
    const throttle = new SignInThrottle()
    for (let i = 0; i < 25_000; i++) throttle.failed(`flood-${i}`, i)
    const kept = (throttle as unknown as { failures: Map<string, number[]> }).failures.size
    expect(kept).toBeLessThanOrEqual(10_000)
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
