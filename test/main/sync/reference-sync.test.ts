import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countConversations, conversationIds, getConversation } from '../../../electron/main/db/queries/conversations'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import type { ConversationDetail, IpcEventPayload, TabCounts } from '../../../shared/ipc'
import { Api, Cleanup, connectionStatus, ipc, openCache, startCore, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

describe('sync against the reference server', () => {
  let api: Api
  let core: Awaited<ReturnType<typeof startCore>>['core']
  let db: ReturnType<typeof openCache>

  beforeEach(async () => {
    const server = await startServer(cleanup, { seed: 1500 })
    api = new Api(server)
    const handle = await startCore(cleanup, server, tempDir(cleanup))
    core = handle.core
    db = openCache(cleanup, handle.dataDir)
    await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  })

  it("records each heartbeat of a quiet stream as the cache's last sync, in the file and in the connection state", async () => {
    const first = readSyncState(db).lastSyncedAt!
    // Nothing changes on the server; the stream's heartbeats (every 200 ms here) are all that come.
    await expect.poll(() => readSyncState(db).lastSyncedAt, { timeout: 5_000 }).toBeGreaterThan(first)
    const recorded = readSyncState(db).lastSyncedAt!
    await expect.poll(async () => (await ipc<{ lastSyncedAt: number }>(core, 'connection:get')).lastSyncedAt, { timeout: 5_000 }).toBeGreaterThanOrEqual(recorded)
  })

  it('bootstraps exactly the server window: same counts as /stats, same ids', async () => {
    const { resolvedSince } = readSyncState(db)
    expect(resolvedSince).not.toBeNull()
    const stats = await api.stats(resolvedSince!)
    const counts = countConversations(db)
    expect(counts).toEqual({ all: stats.all, in_queue: stats.in_queue, handled: stats.handled })
    expect(conversationIds(db)).toEqual((await api.conversationIds(resolvedSince!)).sort((a, b) => a - b))
    expect(await ipc<TabCounts>(core, 'conversations:counts')).toEqual(counts)
    expect(readSyncState(db).cursor).toBe(String(stats.seq))
    const ws = await ipc<{ agents: unknown[]; me: { email: string } | null; datasetId: string | null }>(core, 'workspace:get')
    expect(ws.agents.length).toBeGreaterThan(0)
    expect(ws.me?.email).toBe('spv@observe.demo')
    // The page tells ids of this data from those of another (a reseed) by it.
    expect(ws.datasetId).toBe(readSyncState(db).datasetId)
    expect(ws.datasetId).not.toBeNull()
  })

  it('applies a new queued conversation live: cache, in_queue count and events', async () => {
    const before = await ipc<TabCounts>(core, 'conversations:counts')
    const changed: IpcEventPayload<'cache:changed'>[] = []
    const badges: TabCounts[] = []
    core.on('cache:changed', (p) => changed.push(p))
    core.on('counts:changed', (p) => badges.push(p))
    const created = await api.createDemoConversation('Live Delta')
    await expect.poll(() => getConversation(db, created.id)?.conversation.status, { timeout: 10_000 }).toBe('in_queue')
    await expect.poll(() => changed.some((e) => e.conversationIds.includes(created.id)), { timeout: 5_000 }).toBe(true)
    await expect.poll(() => badges.at(-1)?.in_queue, { timeout: 5_000 }).toBe(before.in_queue + 1)
    expect(await ipc<TabCounts>(core, 'conversations:counts')).toMatchObject({ in_queue: before.in_queue + 1, all: before.all + 1 })
    const page = await ipc<{ rows: { id: number }[] }>(core, 'conversations:list', { tab: 'in_queue', filters: { search: 'Live Delta' } })
    expect(page.rows.map((r) => r.id)).toEqual([created.id])
  })

  it('loads a thread into the cache on request, and then serves it offline-first', async () => {
    const [first] = (await ipc<{ rows: { id: number }[] }>(core, 'conversations:list', { tab: 'handled', limit: 1 })).rows
    expect(first).toBeDefined()
    const cold = await ipc<ConversationDetail>(core, 'conversations:get', { id: first!.id })
    expect(cold.messagesCached).toBe(false)
    const loaded = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id: first!.id })
    expect(loaded.messagesCached).toBe(true)
    expect(loaded.messages.length).toBeGreaterThan(0)
    const times = loaded.messages.map((m) => m.createdAt)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(await ipc<ConversationDetail>(core, 'conversations:get', { id: first!.id })).toEqual(loaded)
  })
})
