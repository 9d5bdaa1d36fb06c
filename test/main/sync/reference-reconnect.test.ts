import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { conversationIds, getConversation } from '../../../electron/main/db/queries/conversations'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import { Api, Cleanup, connectionStatus, ipc, openCache, startCore, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

const bootstraps = (logs: { message: string }[]): number => logs.filter((l) => l.message === 'bootstrap started').length

it('resumes the stream after the server restarts on the same data, getting what changed while away', async () => {
  const dir = tempDir(cleanup)
  const dbFile = join(dir, 'server.db')
  const first = await startServer(cleanup, { seed: 400, dbFile })
  // A slow first retry leaves room to change data before the client is back.
  const { core, logs, dataDir } = await startCore(cleanup, first, join(dir, 'client'), {
    sync: { backoff: { baseMs: 1500, maxMs: 1500 }, streamIdleTimeoutMs: 2000, eventIntervalMs: 50 },
  })
  const cache = openCache(cleanup, dataDir)
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const live = await new Api(first).createDemoConversation('Before Restart')
  await expect.poll(() => getConversation(cache, live.id) !== null, { timeout: 10_000 }).toBe(true)

  await first.close()
  await expect.poll(() => connectionStatus(core), { timeout: 10_000 }).toBe('offline')
  const second = await startServer(cleanup, { dbFile, port: first.port })
  const api = new Api(second)
  const whileAway = [await api.createDemoConversation('While Away 1'), await api.createDemoConversation('While Away 2')]

  await expect.poll(() => whileAway.every((c) => getConversation(cache, c.id) !== null), { timeout: 20_000 }).toBe(true)
  await expect.poll(() => connectionStatus(core), { timeout: 10_000 }).toBe('online')
  expect(bootstraps(logs)).toBe(1)
  const { seq } = await api.workspace()
  await expect.poll(() => readSyncState(cache).cursor, { timeout: 5_000 }).toBe(String(seq))
})

it('says offline, not syncing, for as long as the server does not answer, and syncing once it does', async () => {
  const dir = tempDir(cleanup)
  const dbFile = join(dir, 'server.db')
  const first = await startServer(cleanup, { seed: 120, dbFile })
  const { core, logs } = await startCore(cleanup, first, join(dir, 'client'), {
    sync: { backoff: { baseMs: 20, maxMs: 40 }, streamIdleTimeoutMs: 2000, eventIntervalMs: 20 },
  })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const statuses: string[] = []
  core.on('connection:changed', (state) => statuses.push(state.status))

  await first.close()
  const failed = (): number => logs.filter((l) => l.message === 'sync attempt failed').length
  // From the second attempt that failed once the server was gone: one begun before may still have
  // been answered, and its events (coalesced) are out by the time another attempt has failed.
  const gone = failed()
  await expect.poll(failed, { timeout: 20_000 }).toBeGreaterThanOrEqual(gone + 2)
  const from = statuses.length
  // Several whole attempts (each with its own retries of the workspace request) against nobody.
  await expect.poll(failed, { timeout: 20_000 }).toBeGreaterThanOrEqual(gone + 5)
  // The token is kept, so signing in asks nobody: that must not pass for an answer.
  expect(await connectionStatus(core)).toBe('offline')
  expect(statuses.slice(from)).not.toContain('syncing')
  // Why, in a word the page says in the supervisor's language; the technical text stays beside it for the log.
  expect(await ipc(core, 'connection:get')).toMatchObject({ reason: 'unreachable', error: expect.stringMatching(/\S/) })

  const back = statuses.length
  await startServer(cleanup, { dbFile, port: first.port })
  // The events, not the current state: they come a moment after it, coalesced. Once online, more
  // may follow (the time of the last sync moves on), so it is the first after offline that counts.
  const since = (): string[] => statuses.slice(back).filter((status) => status !== 'offline')
  await expect.poll(() => since().includes('online'), { timeout: 20_000 }).toBe(true)
  expect(since().slice(0, 2)).toEqual(['syncing', 'online'])
  expect(await ipc(core, 'connection:get')).toMatchObject({ reason: null, error: null })
})

it('drops the cache and bootstraps again when the server holds another dataset', async () => {
  const dir = tempDir(cleanup)
  const first = await startServer(cleanup, { seed: 600 })
  const { core, logs, dataDir } = await startCore(cleanup, first, join(dir, 'client'))
  const cache = openCache(cleanup, dataDir)
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const oldDataset = readSyncState(cache).datasetId
  const resets: boolean[] = []
  core.on('cache:changed', (p) => p.reset && resets.push(true))

  await first.close()
  const second = await startServer(cleanup, { seed: 150, port: first.port })
  const api = new Api(second)
  const { datasetId } = await api.workspace()
  expect(datasetId).not.toBe(oldDataset)

  await expect.poll(() => readSyncState(cache).datasetId, { timeout: 20_000 }).toBe(datasetId)
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const { resolvedSince } = readSyncState(cache)
  expect(conversationIds(cache)).toEqual((await api.conversationIds(resolvedSince!)).sort((a, b) => a - b))
  expect(bootstraps(logs)).toBe(2)
  // Events are coalesced, so the reset may still be on its way.
  await expect.poll(() => resets.length, { timeout: 5_000 }).toBeGreaterThan(0)
})

it('bootstraps again when its cursor is older than the server keeps', async () => {
  const dir = tempDir(cleanup)
  const server = await startServer(cleanup, { seed: 200, changeRetention: 3 })
  const api = new Api(server)
  const clientDir = join(dir, 'client')
  const firstRun = await startCore(new Cleanup(), server, clientDir)
  await expect.poll(() => connectionStatus(firstRun.core), { timeout: 20_000 }).toBe('online')
  await firstRun.core.stop()

  const missed: { id: number }[] = []
  for (let i = 0; i < 6; i++) missed.push(await api.createDemoConversation(`Missed ${i}`))
  const { core, logs } = await startCore(cleanup, server, clientDir)
  const cache = openCache(cleanup, clientDir)
  await expect.poll(() => missed.every((c) => getConversation(cache, c.id) !== null), { timeout: 20_000 }).toBe(true)
  await expect.poll(() => connectionStatus(core), { timeout: 10_000 }).toBe('online')
  expect(logs.some((l) => l.message.startsWith('change cursor expired'))).toBe(true)
  const { resolvedSince } = readSyncState(cache)
  expect(conversationIds(cache)).toEqual((await api.conversationIds(resolvedSince!)).sort((a, b) => a - b))
})
