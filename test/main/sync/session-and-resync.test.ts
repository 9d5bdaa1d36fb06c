import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { startReferenceServer, type ReferenceServer } from '../../../server/index'
import { conversationIds } from '../../../electron/main/db/queries/conversations'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import type { ConversationDetail, ConversationPage } from '../../../shared/ipc'
import { assign, FAST_OUTBOX, outboxList, waitDrained, Witness } from '../outbox/support'
import { Cleanup, connectionStatus, ipc, openCache, startCore, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

async function server(dbFile: string, port = 0, changeRetention?: number): Promise<ReferenceServer> {
  const started = await startReferenceServer({ dbFile, port, seed: 300, sim: false, demo: true, heartbeatMs: 200, ...(changeRetention ? { changeRetention } : {}) })
  cleanup.add(() => started.close())
  return started
}

/** Forgets every token the server issued, as if they had all expired while it was down. */
function dropTokens(dbFile: string): void {
  const db = new BetterSqlite3(dbFile)
  db.exec('DELETE FROM tokens')
  db.close()
}

it('a token the server no longer accepts makes the core sign in again, keeping the cache, the cursor and the outbox', async () => {
  const dir = tempDir(cleanup)
  const dbFile = join(dir, 'server.sqlite')
  let live = await server(dbFile)
  const port = live.port
  const witness = new Witness(() => live.url, live.credentials)
  const handle = await startCore(cleanup, live, join(dir, 'client'), { outbox: FAST_OUTBOX })
  const cache = openCache(cleanup, handle.dataDir)
  await expect.poll(() => connectionStatus(handle.core), { timeout: 20_000 }).toBe('online')
  const queued = await witness.newQueued('Token Expiry')
  await expect.poll(() => conversationIds(cache).includes(queued.id), { timeout: 10_000 }).toBe(true)
  const cachedBefore = conversationIds(cache).length

  await live.close()
  await expect.poll(() => connectionStatus(handle.core), { timeout: 20_000 }).toBe('offline')
  // The workspace is cached: the agent comes from the core, not from the stopped server.
  const ws = await ipc<{ agents: { id: number; role: string; presence: string }[] }>(handle.core, 'workspace:get')
  const agent = ws.agents.find((a) => a.role === 'agent' && a.presence === 'online')!
  await assign(handle.core, [queued.id], agent.id, true)
  expect((await outboxList(handle.core)).map((a) => a.state)).toEqual([expect.stringMatching(/^(queued|sending)$/)])

  dropTokens(dbFile)
  live = await server(dbFile, port)
  await expect.poll(() => connectionStatus(handle.core), { timeout: 20_000 }).toBe('online')
  await waitDrained(handle.core, 20_000)
  expect((await outboxList(handle.core)).map((a) => a.state)).toEqual(['done'])
  // The test's own token went with the others.
  expect(await new Witness(() => live.url, live.credentials).conversation(queued.id)).toMatchObject({ status: 'handled', agentId: agent.id })
  // The same cache carried on: no bootstrap again, nothing lost.
  expect(handle.logs.filter((l) => l.message === 'bootstrap started')).toHaveLength(1)
  expect(conversationIds(cache).length).toBeGreaterThanOrEqual(cachedBefore)
  expect(readSyncState(cache).cursor).not.toBeNull()
})

it('a re-bootstrap after cursor_expired never leaves the list empty, and queued actions survive it', async () => {
  const dir = tempDir(cleanup)
  const dbFile = join(dir, 'server.sqlite')
  let live = await server(dbFile, 0, 20)
  const port = live.port
  const witness = new Witness(() => live.url, live.credentials)
  const dataDir = join(dir, 'client')
  const first = await startCore(cleanup, live, dataDir, { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(first.core), { timeout: 20_000 }).toBe('online')
  const queued = await witness.newQueued('Resync Survivor')
  await expect.poll(async () => (await first.core.handle('conversations:get', { id: queued.id })).ok, { timeout: 10_000 }).toBe(true)
  const agent = (await witness.agents()).find((a) => a.role === 'agent' && a.presence === 'online')!

  // Offline: an action waits in the outbox; the core stops.
  await live.close()
  await expect.poll(() => connectionStatus(first.core), { timeout: 20_000 }).toBe('offline')
  await assign(first.core, [queued.id], agent.id, true)
  await first.core.stop()

  // Meanwhile the server moves on far past the 20 changes it keeps: the core's cursor is too old.
  live = await server(dbFile, port, 20)
  for (let i = 0; i < 40; i++) await witness.newQueued(`Meanwhile ${i}`)

  const second = await startCore(cleanup, live, dataDir, { outbox: FAST_OUTBOX, sync: { pageSize: 25, backoff: { baseMs: 50, maxMs: 300 }, streamIdleTimeoutMs: 2000, eventIntervalMs: 16 } })
  const sizes: number[] = []
  const look = async (): Promise<void> => {
    const page = await ipc<{ rows: unknown[] }>(second.core, 'conversations:list', { tab: 'all', limit: 50 })
    sizes.push(page.rows.length)
  }
  second.core.on('cache:changed', () => void look())
  const watcher = setInterval(() => void look(), 2)
  cleanup.add(() => clearInterval(watcher))
  await expect.poll(() => second.logs.some((l) => l.message === 'change cursor expired: bootstrapping again'), { timeout: 20_000 }).toBe(true)
  await expect.poll(() => connectionStatus(second.core), { timeout: 30_000 }).toBe('online')
  clearInterval(watcher)
  await look()
  expect(sizes.length).toBeGreaterThan(10)
  expect(Math.min(...sizes)).toBe(50)

  await waitDrained(second.core, 20_000)
  const actions = await outboxList(second.core)
  expect(actions.map((a) => [a.conversationId, a.state])).toEqual([[queued.id, 'done']])
  expect(await witness.conversation(queued.id)).toMatchObject({ status: 'handled', agentId: agent.id })
  const cache = openCache(cleanup, dataDir)
  const ids = new Set(conversationIds(cache))
  expect(ids.has(queued.id)).toBe(true)
})

it('a thread cached before the cursor expired is read whole again when next opened, with the messages written meanwhile', async () => {
  const dir = tempDir(cleanup)
  const live = await server(join(dir, 'server.sqlite'), 0, 5)
  const witness = new Witness(() => live.url, live.credentials)
  const dataDir = join(dir, 'client')
  const first = await startCore(cleanup, live, dataDir)
  await expect.poll(() => connectionStatus(first.core), { timeout: 20_000 }).toBe('online')
  const { id } = (await ipc<ConversationPage>(first.core, 'conversations:list', { tab: 'in_queue', limit: 1 })).rows[0]!
  const cachedThread = await ipc<ConversationDetail>(first.core, 'conversations:loadMessages', { id })
  expect(cachedThread.messagesCached).toBe(true)
  await first.core.stop()

  // Assigning writes a note into the thread; then the feed moves on past the 5 changes the server keeps.
  const agent = (await witness.agents()).find((a) => a.role === 'agent' && a.presence === 'online')!
  expect((await witness.post(`/conversations/${id}/assign`, { agentId: agent.id, overrideQuota: true })).status).toBe(200)
  for (let i = 0; i < 6; i++) await witness.newQueued(`Meanwhile ${i}`)
  const onServer = (await witness.get<{ items: { id: number }[] }>(`/conversations/${id}/messages?limit=200`)).items.map((m) => m.id)
  expect(onServer.length).toBeGreaterThan(cachedThread.messages.length)

  const second = await startCore(cleanup, live, dataDir)
  await expect.poll(() => connectionStatus(second.core), { timeout: 20_000 }).toBe('online')
  expect(second.logs.map((l) => l.message)).toContain('change cursor expired: bootstrapping again')
  expect(await ipc<ConversationDetail>(second.core, 'conversations:get', { id })).toMatchObject({ conversation: { status: 'handled' }, messagesCached: false })
  const opened = await ipc<ConversationDetail>(second.core, 'conversations:loadMessages', { id })
  expect(opened.messages.map((m) => m.id).sort((a, b) => a - b)).toEqual(onServer.sort((a, b) => a - b))
})
