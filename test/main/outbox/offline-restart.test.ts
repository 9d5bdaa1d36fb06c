import { join, resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { startReferenceServer, type ReferenceServer } from '../../../server/index'
import { cacheFile } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import { exited, spawnChild } from '../support/child-process'
import { Cleanup, connectionStatus, startCore, tempDir } from '../support/reference'
import { assign, cached, FAST_OUTBOX, outboxList, transfer, waitCacheEqualsServer, waitDrained, Witness } from './support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

async function server(dbFile: string, port = 0, faults?: { latencyMs: number }): Promise<ReferenceServer> {
  const started = await startReferenceServer({ dbFile, port, seed: 200, sim: false, demo: true, heartbeatMs: 200, ...(faults ? { faults } : {}) })
  cleanup.add(() => started.close())
  return started
}

it('queues 200 actions while the server is down, survives a restart of both, and delivers each exactly once, in order', async () => {
  const dir = tempDir(cleanup)
  const dbFile = join(dir, 'server.sqlite')
  let live = await server(dbFile)
  const port = live.port
  const witness = new Witness(() => live.url, live.credentials)
  const dataDir = join(dir, 'client')
  const first = await startCore(cleanup, live, dataDir, { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(first.core), { timeout: 20_000 }).toBe('online')

  const chats: number[] = []
  for (let i = 0; i < 120; i++) chats.push((await witness.newQueued(`Offline ${String(i).padStart(3, '0')}`)).id)
  await expect.poll(async () => (await cached(first.core, chats.at(-1)!).catch(() => null))?.status, { timeout: 20_000 }).toBe('in_queue')
  const online = (await witness.agents()).filter((a) => a.role === 'agent' && a.presence === 'online')
  const [a, b] = online

  await live.close()
  await expect.poll(() => connectionStatus(first.core), { timeout: 20_000 }).toBe('offline')
  // 120 assignments, then 80 transfers of the first 80: a transfer sent before its assignment would be refused.
  const expected: [number, string, number][] = []
  for (const id of chats) {
    await assign(first.core, [id], a!.id, true)
    expected.push([id, 'assign', a!.id])
  }
  for (const id of chats.slice(0, 80)) {
    await transfer(first.core, id, b!.id, true)
    expected.push([id, 'transfer', b!.id])
  }
  const queued = await outboxList(first.core)
  expect(queued.filter((x) => x.state === 'queued' || x.state === 'sending')).toHaveLength(200)
  expect(await cached(first.core, chats[0]!)).toMatchObject({ status: 'handled', agentId: b!.id })
  expect(await cached(first.core, chats[100]!)).toMatchObject({ status: 'handled', agentId: a!.id })
  await first.core.stop()

  // A new core on the same data, then the server back on the same file and port.
  const second = await startCore(cleanup, { url: `http://127.0.0.1:${port}`, credentials: live.credentials }, dataDir, { outbox: FAST_OUTBOX })
  expect((await outboxList(second.core)).filter((x) => x.state === 'queued' || x.state === 'sending')).toHaveLength(200)
  live = await server(dbFile, port)
  await waitDrained(second.core, 60_000)
  const outcomes = await outboxList(second.core)
  expect(outcomes.filter((x) => x.state === 'done')).toHaveLength(200)

  const log = (await witness.assignments()).filter((r) => chats.includes(r.conversationId))
  expect(log.map((r) => [r.conversationId, r.action, r.toAgentId])).toEqual(expected)
  await waitCacheEqualsServer(second.core, witness, chats, 30_000)
})

const child = resolve(__dirname, 'fixtures/core-child.ts')

const spawnCore = (args: string[]) => spawnChild(cleanup, child, args)

/** The child's outbox by state, read from its file as another process would. */
function peek(dataDir: string): Record<string, number> {
  try {
    const db = openDatabase(cacheFile(dataDir))
    try {
      const rows = db.prepare('SELECT state, count(*) AS n FROM outbox_actions GROUP BY state').all() as { state: string; n: number }[]
      return Object.fromEntries(rows.map((r) => [r.state, r.n]))
    } finally {
      db.close()
    }
  } catch {
    return {}
  }
}

it('a core SIGKILLed while sending loses nothing and doubles nothing after restart', async () => {
  const dir = tempDir(cleanup)
  // Slow answers, so the kill lands while requests are on the wire.
  const live = await server(join(dir, 'server.sqlite'), 0, { latencyMs: 60 })
  const witness = new Witness(() => live.url, live.credentials)
  const chats: number[] = []
  for (let i = 0; i < 40; i++) chats.push((await witness.newQueued(`Crash ${i}`)).id)
  const agent = (await witness.agents()).find((a) => a.role === 'agent' && a.presence === 'online')!
  const dataDir = join(dir, 'client')
  const args = [dataDir, live.url, live.credentials.email, live.credentials.password]

  const victim = spawnCore([...args, String(agent.id), chats.join(',')])
  await expect
    .poll(
      () => {
        if (victim.exitCode !== null) throw new Error('the core exited on its own')
        return (peek(dataDir).done ?? 0) >= 5
      },
      { timeout: 60_000, interval: 10 },
    )
    .toBe(true)
  victim.kill('SIGKILL')
  await exited(victim)
  const atKill = peek(dataDir)
  expect((atKill.done ?? 0) + (atKill.queued ?? 0) + (atKill.sending ?? 0)).toBe(40)
  expect(atKill.queued ?? 0).toBeGreaterThan(0)

  const { core } = await startCore(cleanup, live, dataDir, { outbox: FAST_OUTBOX })
  await waitDrained(core, 60_000)
  expect(peek(dataDir)).toEqual({ done: 40 })
  const log = (await witness.assignments()).filter((r) => chats.includes(r.conversationId))
  expect(log.map((r) => r.conversationId)).toEqual(chats)
  await waitCacheEqualsServer(core, witness, chats, 30_000)
})
