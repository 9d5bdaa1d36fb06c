import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { ReferenceBackend } from '../../../electron/main/backend/reference/reference-backend'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { conversationIds } from '../../../electron/main/db/queries/conversations'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import { SyncEngine } from '../../../electron/main/sync/sync-engine'
import { ConversationsPage } from '../../../shared/api'
import { Conversation } from '../../../shared/domain'
import { Witness } from '../outbox/support'
import { Api, Cleanup, connectionStatus, openCache, startCore, startServer, tempDir, type ReferenceServer } from '../support/reference'

const DAY = 86_400_000
const cleanup = new Cleanup()
afterEach(() => cleanup.run())

/** Every conversation the server holds, resolved history of any age included. */
async function everything(server: ReferenceServer): Promise<Conversation[]> {
  const witness = new Witness(() => server.url, server.credentials)
  const out: Conversation[] = []
  for (let after = 0; ; ) {
    const page = ConversationsPage.parse(await witness.get(`/conversations?after=${after}&limit=1000&resolvedSince=0`))
    out.push(...page.items.map((item) => Conversation.parse(item)))
    if (page.nextAfter === null) return out
    after = page.nextAfter
  }
}

it('conversations:searchHistory finds resolved history beyond the cache window on the server, leaves out cached rows, getFromServer opens one without caching it, and both say offline without a server', async () => {
  const server = await startServer(cleanup, { seed: 400 })
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { retentionDays: 3 })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const now = Date.now()
  const all = await everything(server)
  const old = all.find((c) => c.status === 'resolved' && c.resolvedAt! < now - 5 * DAY)
  const recent = all.find((c) => c.status === 'resolved' && c.resolvedAt! > now - 2 * DAY)
  expect(old, 'the seed holds resolved history older than the window').toBeDefined()
  expect(recent, 'the seed holds recently resolved conversations').toBeDefined()

  // The old one is not cached; the server finds it by ticket number.
  expect((await core.handle('conversations:get', { id: old!.id })).ok).toBe(false)
  const found = await core.handle('conversations:searchHistory', { search: String(old!.ticketNo), limit: 20 })
  expect(found.ok).toBe(true)
  const value = (found as { value: { rows: Conversation[]; source: string } }).value
  expect(value.source).toBe('server')
  expect(value.rows.map((r) => r.id)).toContain(old!.id)

  // Opened from there, it is read with its thread from the server and stays out of the cache.
  const remote = await core.handle('conversations:getFromServer', { id: old!.id })
  expect(remote).toMatchObject({ ok: true, value: { conversation: { id: old!.id, status: 'resolved' }, messagesCached: false } })
  expect((remote as { value: { messages: unknown[] } }).value.messages.length).toBeGreaterThan(0)
  expect((await core.handle('conversations:get', { id: old!.id })).ok).toBe(false)
  const missing = await core.handle('conversations:getFromServer', { id: 9_999_999 })
  expect(!missing.ok && missing.error.code).toBe('not_found')

  // A cached one is left out: the cache already shows it.
  expect((await core.handle('conversations:get', { id: recent!.id })).ok).toBe(true)
  const again = await core.handle('conversations:searchHistory', { search: String(recent!.ticketNo), limit: 20 })
  expect(again.ok && (again.value as { rows: Conversation[] }).rows.map((r) => r.id)).not.toContain(recent!.id)

  // Pasted text cut inside an emoji leaves half of it: asked as it can be, not told "offline".
  const broken = await core.handle('conversations:searchHistory', { search: `${old!.ticketNo} \udfff`, limit: 20 })
  expect(broken.ok && (broken.value as { rows: Conversation[] }).rows.map((r) => r.id)).toContain(old!.id)

  await server.close()
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('offline')
  const offline = await core.handle('conversations:searchHistory', { search: String(old!.ticketNo), limit: 20 })
  expect(offline.ok).toBe(false)
  expect(!offline.ok && offline.error.code).toBe('offline')
  const openedOffline = await core.handle('conversations:getFromServer', { id: old!.id })
  expect(!openedOffline.ok && openedOffline.error.code).toBe('offline')
})

it('conversations:searchHistory fills its page from beyond the window, where the newest matches are all cached ones', async () => {
  const server = await startServer(cleanup, { seed: 400 })
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { retentionDays: 3 })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const start = Date.now() - 3 * DAY
  const resolved = (await everything(server)).filter((c) => c.status === 'resolved' && c.customer.handle.endsWith('@gmail.com'))
  // A page as long as the matches inside the window: the newest matches, all of them cached.
  const limit = resolved.filter((c) => c.resolvedAt! >= start + 60_000).length
  expect(limit, 'the seed holds resolved matches inside the window').toBeGreaterThan(0)
  expect(resolved.filter((c) => c.resolvedAt! < start).length, 'and more beyond it').toBeGreaterThan(limit)
  const found = await core.handle('conversations:searchHistory', { search: 'gmail', limit })
  const rows = found.ok ? (found.value as { rows: Conversation[] }).rows : []
  expect(rows).toHaveLength(limit)
  for (const row of rows) expect(row.resolvedAt!).toBeLessThan(start)
})

it('conversations:searchHistory applies the page’s other filters on the server’s side of the page, reading on until it is full', async () => {
  const server = await startServer(cleanup, { seed: 2000 })
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { retentionDays: 3 })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const start = Date.now() - 3 * DAY
  const older = (await everything(server)).filter((c) => c.status === 'resolved' && c.resolvedAt! < start - 60_000 && c.customer.handle.endsWith('@gmail.com'))
  // A label that few of the matches carry: the newest page of matches holds few of them, or none.
  const counts = new Map<number, number>()
  for (const c of older) for (const id of c.labelIds) counts.set(id, (counts.get(id) ?? 0) + 1)
  const [label] = [...counts.entries()].filter(([, n]) => n >= 3).sort((a, b) => a[1] - b[1])[0]!
  const truth = older.filter((c) => c.labelIds.includes(label)).sort((a, b) => b.resolvedAt! - a.resolvedAt! || b.id - a.id)
  expect(truth.length, 'a rare label among many matches').toBeLessThan(older.length / 2)
  const limit = Math.min(10, truth.length)
  const found = await core.handle('conversations:searchHistory', { search: 'gmail', limit, filters: { labelIds: [label] } })
  if (!found.ok) throw new Error(found.error.message)
  const { rows } = found.value as { rows: Conversation[]; more: boolean }
  expect(rows.map((c) => c.id)).toEqual(truth.slice(0, limit).map((c) => c.id))
})

it('keeps resolved conversations out of the cache past retentionDays, and prunes them as they age out of the window', async () => {
  const server = await startServer(cleanup, { seed: 400, heartbeatMs: 100 })
  const db = openDatabase(join(tempDir(cleanup), 'cache.sqlite'))
  cleanup.add(() => db.close())
  let clock = Date.now()
  const announced: number[] = []
  const backend = new ReferenceBackend({ baseUrl: server.url, ...server.credentials, log: () => {}, streamIdleTimeoutMs: 2000 })
  const engine = new SyncEngine({
    db,
    backend,
    log: () => {},
    retentionDays: 4,
    pageSize: 100,
    backoff: { baseMs: 50, maxMs: 300 },
    now: () => clock,
    sink: { cacheChanged: (ids) => announced.push(...ids), workspaceChanged: () => {}, logChanged: () => {}, connectionChanged: () => {} },
  })
  engine.start()
  cleanup.add(() => engine.stop())
  await expect.poll(() => engine.connection.current.status, { timeout: 20_000 }).toBe('online')

  const all = await everything(server)
  const resolved = all.filter((c) => c.status === 'resolved')
  const inWindow = (since: number) => new Set(all.filter((c) => c.status !== 'resolved' || c.resolvedAt! >= since).map((c) => c.id))
  const outside = resolved.filter((c) => c.resolvedAt! < clock - 4 * DAY)
  const agingOut = resolved.filter((c) => c.resolvedAt! >= clock - 4 * DAY && c.resolvedAt! < clock - 2 * DAY)
  // Open conversations begun long before the window: kept, whatever their age.
  const openOld = all.filter((c) => c.status !== 'resolved' && c.createdAt < clock - 6 * DAY && c.updatedAt < clock - 6 * DAY)
  expect(outside.length).toBeGreaterThan(0)
  expect(agingOut.length).toBeGreaterThan(0)
  expect(openOld.length).toBeGreaterThan(0)
  expect(new Set(conversationIds(db))).toEqual(inWindow(clock - 4 * DAY))

  // Two days later, without any new change: a heartbeat of the live stream prunes what left the window.
  announced.length = 0
  clock += 2 * DAY
  await expect.poll(() => conversationIds(db).length, { timeout: 10_000 }).toBe(inWindow(clock - 4 * DAY).size)
  expect(new Set(conversationIds(db))).toEqual(inWindow(clock - 4 * DAY))
  expect(conversationIds(db)).toEqual(expect.arrayContaining(openOld.map((c) => c.id)))
  expect(announced).toEqual(expect.arrayContaining(agingOut.map((c) => c.id)))
})

it('a longer retention window, set while the core was stopped, brings in the older resolved conversations; a shorter one prunes without a bootstrap', async () => {
  const server = await startServer(cleanup, { seed: 400 })
  const api = new Api(server)
  const dataDir = tempDir(cleanup)
  const bootstraps = (logs: { message: string }[]): number => logs.filter((l) => l.message === 'bootstrap started').length
  let cache: Database | null = null
  /** Runs a core on the profile until it is online, and checks the cache holds exactly the server's window. */
  const runWith = async (retentionDays: number): Promise<{ message: string }[]> => {
    const run = await startCore(cleanup, server, dataDir, { retentionDays })
    await expect.poll(() => connectionStatus(run.core), { timeout: 20_000 }).toBe('online')
    await run.core.stop()
    cache ??= openCache(cleanup, dataDir)
    const { resolvedSince } = readSyncState(cache)
    const cached = conversationIds(cache)
    expect(resolvedSince).toBeLessThanOrEqual(Date.now() - retentionDays * DAY)
    expect(resolvedSince).toBeGreaterThan(Date.now() - retentionDays * DAY - 60_000)
    expect(cached).toEqual((await api.conversationIds(resolvedSince!)).sort((a, b) => a - b))
    return run.logs
  }

  expect(bootstraps(await runWith(3))).toBe(1)
  const ten = await runWith(10)
  expect(bootstraps(ten)).toBe(1)
  expect(ten.map((l) => l.message)).toContain('the retention window grew: bootstrapping again')
  expect(bootstraps(await runWith(10))).toBe(0)
  expect(bootstraps(await runWith(3))).toBe(0)
})
