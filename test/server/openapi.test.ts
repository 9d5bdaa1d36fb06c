import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PREFIX, type WorkspaceResponse } from '../../shared/api'
import { renderOpenApiDocument } from '../../server/openapi/document'
import { request, startClient, type Client, type Reply } from './helpers'

const FILE = fileURLToPath(new URL('../../server/openapi.json', import.meta.url))
const DOC_ID = 'https://observe.local/openapi.json'

describe('server/openapi.json', () => {
  const committed = readFileSync(FILE, 'utf8')
  const document = JSON.parse(committed) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ ...document, $id: DOC_ID })

  /** Checks a real reply against the response schema the document gives for that path, method and status. */
  const expectDocumented = (path: string, method: string, reply: Reply): void => {
    const operation = document.paths[`${API_PREFIX}${path}`]?.[method]
    expect(operation, `${method} ${path} is documented`).toBeDefined()
    expect(operation!.responses[String(reply.status)], `${method} ${path} documents ${reply.status}`).toBeDefined()
    const pointer = `${DOC_ID}#/paths/${encodeURIComponent(`${API_PREFIX}${path}`.replaceAll('~', '~0').replaceAll('/', '~1'))}/${method}/responses/${reply.status}/content/application~1json/schema`
    const validate = ajv.getSchema(pointer)
    expect(validate, pointer).toBeDefined()
    const valid = validate!(reply.body)
    expect(valid, `${method} ${path} ${reply.status}: ${ajv.errorsText(validate!.errors)}`).toBe(true)
  }

  let client: Client
  beforeAll(async () => {
    client = await startClient({ seed: 60, changeRetention: 2 })
  })
  afterAll(() => client.server.close())

  it('is exactly what the generator produces from shared/api now', () => {
    expect(committed).toBe(renderOpenApiDocument())
  })

  it('describes the real responses of a running server', async () => {
    const signIn = await request(client.server, 'POST', '/auth/sign-in', { body: client.server.credentials })
    expectDocumented('/auth/sign-in', 'post', signIn)
    expectDocumented('/me', 'get', await client.get('/me'))
    const workspace = await client.get<WorkspaceResponse>('/workspace')
    expectDocumented('/workspace', 'get', workspace)
    expectDocumented('/conversations', 'get', await client.get('/conversations?limit=50'))
    expectDocumented('/conversations/{id}', 'get', await client.get('/conversations/3'))
    expectDocumented('/conversations/{id}/messages', 'get', await client.get('/conversations/3/messages'))
    expectDocumented('/stats', 'get', await client.get('/stats'))
    const found = await client.get<{ items: unknown[] }>('/conversations/search?q=62&limit=5')
    expect(found.body.items.length).toBeGreaterThan(0)
    expectDocumented('/conversations/search', 'get', found)
    const created = await client.post('/demo/conversations', { channel: 'telegram' })
    expect(created.status).toBe(201)
    expectDocumented('/demo/conversations', 'post', created)
    const assigned = await client.post(`/conversations/${(created.body as { id: number }).id}/assign`, { agentId: 1, overrideQuota: true })
    expectDocumented('/conversations/{id}/assign', 'post', assigned)
    const createdId = (created.body as { id: number }).id
    const transferred = await client.post(`/conversations/${createdId}/transfer`, { agentId: 2, overrideQuota: true })
    expect(transferred.status).toBe(200)
    expectDocumented('/conversations/{id}/transfer', 'post', transferred)
    const conflict = await client.post(`/conversations/${createdId}/assign`, { agentId: 1 })
    expect(conflict.status).toBe(409)
    expectDocumented('/conversations/{id}/assign', 'post', conflict)
    const unknownAgent = await client.post(`/conversations/${createdId}/transfer`, { agentId: 999 })
    expect(unknownAgent.status).toBe(422)
    expectDocumented('/conversations/{id}/transfer', 'post', unknownAgent)
    const log = await client.get('/assignments?limit=1')
    expect(log.status).toBe(200)
    expectDocumented('/assignments', 'get', log)
    // Retention is 2: only the last two changes (the transfer's load and note) are still served.
    const changes = await client.get(`/changes?after=${workspace.body.seq + 8}`)
    expect(changes.status).toBe(200)
    expectDocumented('/changes', 'get', changes)

    const unauthorized = await request(client.server, 'GET', '/workspace')
    expect(unauthorized.status).toBe(401)
    expectDocumented('/workspace', 'get', unauthorized)
    const missing = await client.get('/conversations/123456')
    expect(missing.status).toBe(404)
    expectDocumented('/conversations/{id}', 'get', missing)
    const expired = await client.get('/changes?after=0')
    expect(expired.status).toBe(410)
    expectDocumented('/changes', 'get', expired)
    const invalid = await client.get('/conversations?status=open')
    expect(invalid.status).toBe(400)
    expectDocumented('/conversations', 'get', invalid)

    const faults = await client.post('/demo/faults', { errorRate: 1 })
    expectDocumented('/demo/faults', 'post', faults)
    const unavailable = await client.get('/stats')
    expect(unavailable.status).toBe(503)
    expectDocumented('/stats', 'get', unavailable)
    expectDocumented('/demo/faults', 'get', await client.get('/demo/faults'))
    await client.post('/demo/faults', { errorRate: 0 })
  })
})
