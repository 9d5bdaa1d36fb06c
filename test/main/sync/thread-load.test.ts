/**
 * A thread the supervisor opens is written by the sync's writer thread. Written on the main
 * connection, it waited there for the writer's transaction in progress (a bootstrap's last up to
 * 174 ms), and every IPC answer waited with it.
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { cacheFile, createCore } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import { ReferenceBackend } from '../../../electron/main/backend/reference/reference-backend'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import { silentLog } from '../../../electron/main/log'
import type { ConversationDetail, ConversationPage, IpcResult } from '../../../shared/ipc'
import { Witness } from '../outbox/support'
import { Api, Cleanup, connectionStatus, ipc, openCache, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

it('loads a thread without holding the main thread while another writer has the cache', async () => {
  const server = await startServer(cleanup, { seed: 900 })
  const backend = new ReferenceBackend({ baseUrl: server.url, ...server.credentials, log: silentLog })
  // The real backend, telling the test when the server's answer is in.
  let fetched = false
  const getMessages = backend.getMessages.bind(backend)
  backend.getMessages = async (id) => {
    const messages = await getMessages(id)
    fetched = true
    return messages
  }
  const dataDir = join(tempDir(cleanup), 'client')
  const core = createCore({ dataDir, backend: { kind: 'custom', backend }, sync: { backoff: { baseMs: 50, maxMs: 300 } } })
  await core.start()
  cleanup.add(() => core.stop())
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const { rows } = await ipc<ConversationPage>(core, 'conversations:list', { tab: 'all', limit: 50 })
  const id = rows[0]!.id
  expect((await ipc<ConversationDetail>(core, 'conversations:get', { id })).messagesCached).toBe(false)

  // Another connection holds the write lock, as the writer thread does through a transaction.
  const other = openDatabase(cacheFile(dataDir))
  cleanup.add(() => other.close())
  other.exec('BEGIN IMMEDIATE')
  let answer: IpcResult<unknown> | null = null
  const loading = core.handle('conversations:loadMessages', { id }).then((a) => (answer = a))

  await expect.poll(() => fetched, { timeout: 10_000 }).toBe(true)
  // The thread is in from the server and waits for the lock; the main thread answers meanwhile.
  for (let i = 0; i < 3; i++) {
    await new Promise((turn) => setImmediate(turn))
    expect((await core.handle('conversations:counts', { filters: {} })).ok).toBe(true)
  }
  expect(answer).toBeNull()

  other.exec('COMMIT')
  await loading
  expect(answer).toMatchObject({ ok: true, value: { messagesCached: true } })
  expect((answer as unknown as { value: ConversationDetail }).value.messages.length).toBeGreaterThan(0)
})

it('keeps a message committed live between the server answering a thread and the thread being written', async () => {
  const server = await startServer(cleanup, { seed: 300 })
  const witness = new Witness(() => server.url, server.credentials)
  const backend = new ReferenceBackend({ baseUrl: server.url, ...server.credentials, log: silentLog })
  const dataDir = join(tempDir(cleanup), 'client')
  const core = createCore({ dataDir, backend: { kind: 'custom', backend }, sync: { backoff: { baseMs: 50, maxMs: 300 } } })
  await core.start()
  cleanup.add(() => core.stop())
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const cache = openCache(cleanup, dataDir)
  const { id } = (await ipc<ConversationPage>(core, 'conversations:list', { tab: 'in_queue', limit: 1 })).rows[0]!
  const agent = (await witness.agents()).find((a) => a.role === 'agent' && a.presence === 'online')!

  // Once the server has answered, an assignment writes a note into the thread, and the live
  // stream commits it before the answer is written.
  const getMessages = backend.getMessages.bind(backend)
  backend.getMessages = async (cid) => {
    const messages = await getMessages(cid)
    expect((await witness.post(`/conversations/${cid}/assign`, { agentId: agent.id, overrideQuota: true })).status).toBe(200)
    const { seq } = await new Api(server).workspace()
    await expect.poll(() => readSyncState(cache).cursor, { timeout: 10_000 }).toBe(String(seq))
    return messages
  }
  const opened = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })
  const onServer = (await witness.get<{ items: { id: number }[] }>(`/conversations/${id}/messages?limit=200`)).items.map((m) => m.id)
  expect(opened.messages.map((m) => m.id).sort((a, b) => a - b)).toEqual(onServer.sort((a, b) => a - b))
})

it('says the conversation changed once its thread is written, for a page that stopped waiting for the answer', async () => {
  const server = await startServer(cleanup, { seed: 300 })
  const witness = new Witness(() => server.url, server.credentials)
  const core = createCore({ dataDir: join(tempDir(cleanup), 'client'), backend: { kind: 'reference', baseUrl: server.url, ...server.credentials } })
  await core.start()
  cleanup.add(() => core.stop())
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const { rows } = await ipc<ConversationPage>(core, 'conversations:list', { tab: 'all', limit: 2 })
  const [id, other] = [rows[0]!.id, rows[1]!]
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Masih menunggu', count: 2400 })).status).toBe(201)
  const changed: number[][] = []
  core.on('cache:changed', (change) => changed.push(change.conversationIds))
  // The live changes of those messages are said by the time one of another chat after them is.
  expect((await witness.post(`/demo/conversations/${other.id}/messages`, { text: 'Halo' })).status).toBe(201)
  await expect.poll(() => changed.some((ids) => ids.includes(other.id)), { timeout: 10_000 }).toBe(true)
  changed.length = 0

  const loaded = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })
  await expect.poll(() => changed.some((ids) => ids.includes(id)), { timeout: 5_000 }).toBe(true)
  changed.length = 0
  await ipc<ConversationDetail>(core, 'conversations:loadEarlierMessages', { id, before: loaded.messages[0]!.id })
  await expect.poll(() => changed.some((ids) => ids.includes(id)), { timeout: 5_000 }).toBe(true)
})

// A server that is there but does not answer a request as asked: waiting longer than the client
// does, or answering 503. The open change stream goes on, so the indicator rightly says Online.
it.each([
  { trouble: 'is too slow to answer', code: 'timeout', fault: { latencyMs: 3_000 }, mended: { latencyMs: 0 } },
  { trouble: 'fails to answer (5xx)', code: 'server_error', fault: { errorRate: 1 }, mended: { errorRate: 0 } },
])('says a thread the server $trouble is $code, not that there is no connection, while the sync stays online', async ({ code, fault, mended }) => {
  const server = await startServer(cleanup, { seed: 120 })
  const backend = new ReferenceBackend({ baseUrl: server.url, ...server.credentials, log: silentLog, requestTimeoutMs: 1_000 })
  const core = createCore({ dataDir: join(tempDir(cleanup), 'client'), backend: { kind: 'custom', backend }, sync: { backoff: { baseMs: 50, maxMs: 300 } } })
  await core.start()
  cleanup.add(() => core.stop())
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const { id } = (await ipc<ConversationPage>(core, 'conversations:list', { tab: 'all', limit: 1 })).rows[0]!

  const witness = new Witness(() => server.url, server.credentials)
  expect((await witness.post('/demo/faults', fault)).status).toBe(200)
  const answer = await core.handle('conversations:loadMessages', { id })
  expect(answer).toMatchObject({ ok: false, error: { code } })
  expect(await connectionStatus(core)).toBe('online')

  // Trying again once the server answers brings the thread.
  expect((await witness.post('/demo/faults', mended)).status).toBe(200)
  expect((await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })).messagesCached).toBe(true)
})
