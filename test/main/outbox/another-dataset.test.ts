/**
 * A server that comes back holding other data (reseeded, restored from another backup) numbers its
 * conversations afresh: an action queued against the old data would land on whoever has that id now.
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { startReferenceServer } from '../../../server/index'
import { Cleanup, connectionStatus, startCore, tempDir } from '../support/reference'
import { assign, cached, datasetSeen, FAST_OUTBOX, outboxList, waitDrained, Witness } from './support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

async function server(dbFile: string, port = 0, faults?: { errorRate: number }) {
  const started = await startReferenceServer({ dbFile, port, seed: 200, sim: false, demo: true, heartbeatMs: 200, ...(faults ? { faults } : {}) })
  cleanup.add(() => started.close())
  return started
}

/** A core online to a first server, where Sari waits in the queue, and an agent online to take her. */
async function onlineWithSari() {
  const dir = tempDir(cleanup)
  const first = await server(join(dir, 'a.sqlite'))
  const { core } = await startCore(cleanup, first, join(dir, 'client'), { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const before = new Witness(() => first.url, first.credentials)
  const sari = await before.newQueued('Sari Lama')
  await expect.poll(async () => (await cached(core, sari.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
  const agent = (await before.agents()).find((a) => a.role === 'agent' && a.presence === 'online')!
  return { dir, first, core, sari, agent }
}

it('an action queued against data the server no longer holds is not sent, and says why', async () => {
  const { dir, first, core, sari, agent } = await onlineWithSari()

  await first.close()
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('offline')
  const { actions } = await assign(core, [sari.id], agent.id, true)
  // Another file on the same port, failing every API call until its conversation takes Sari's id.
  const second = await server(join(dir, 'b.sqlite'), first.port, { errorRate: 1 })
  const after = new Witness(() => second.url, second.credentials)
  const stranger = await after.newQueued('Budi Asing')
  expect(stranger.id).toBe(sari.id)
  await after.post('/demo/faults', { errorRate: 0 })

  await waitDrained(core, 30_000)
  expect((await outboxList(core)).find((a) => a.id === actions[0]!.id)).toMatchObject({ state: 'rejected', rejection: { code: 'dataset_changed' } })
  expect(await after.conversation(stranger.id)).toMatchObject({ status: 'in_queue', agentId: null })
  // The server's log holds its own seeded history; none of it, and nothing new, is Budi's.
  expect((await after.assignments()).filter((r) => r.conversationId === stranger.id)).toEqual([])
  await expect.poll(async () => (await cached(core, stranger.id).catch(() => null))?.customer.name, { timeout: 10_000 }).toBe('Budi Asing')
  expect(await cached(core, stranger.id)).toMatchObject({ status: 'in_queue', agentId: null })
})

it('an action from a page still showing the data from before the server changed is refused when queued, and nothing reaches the server', async () => {
  const { dir, first, core, sari, agent } = await onlineWithSari()
  // What the page read: Sari in the queue, under the first dataset.
  const seen = await datasetSeen(core)
  expect(seen).not.toBeNull()

  // The server comes back holding other data, where Sari's id is Budi's; the core moves over to it.
  await first.close()
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('offline')
  const second = await server(join(dir, 'b.sqlite'), first.port, { errorRate: 1 })
  const after = new Witness(() => second.url, second.credentials)
  const stranger = await after.newQueued('Budi Asing')
  expect(stranger.id).toBe(sari.id)
  await after.post('/demo/faults', { errorRate: 0 })
  await expect.poll(async () => (await cached(core, stranger.id).catch(() => null))?.customer.name, { timeout: 20_000 }).toBe('Budi Asing')
  expect(await datasetSeen(core)).not.toBe(seen)

  // The page, not yet caught up, assigns "Sari" (the id, now Budi's) and spreads her too.
  const assigned = await core.handle('outbox:assign', { conversationIds: [sari.id], agentId: agent.id, overrideQuota: true, dataset: seen })
  expect(assigned).toMatchObject({ ok: false, error: { code: 'dataset_changed' } })
  const transferred = await core.handle('outbox:transfer', { conversationId: sari.id, agentId: agent.id, overrideQuota: true, dataset: seen })
  expect(transferred).toMatchObject({ ok: false, error: { code: 'dataset_changed' } })
  const spread = await core.handle('outbox:spread', { assignments: [{ conversationId: sari.id, agentId: agent.id }], dataset: seen })
  expect(spread).toMatchObject({ ok: false, error: { code: 'dataset_changed' } })
  // Nothing was queued, nothing shows as assigned, and the server's Budi still waits.
  expect(await outboxList(core)).toEqual([])
  expect(await cached(core, stranger.id)).toMatchObject({ status: 'in_queue', agentId: null })
  expect(await after.conversation(stranger.id)).toMatchObject({ status: 'in_queue', agentId: null })
  // The server's log holds its own seeded history; none of it, and nothing new, is Budi's.
  expect((await after.assignments()).filter((r) => r.conversationId === stranger.id)).toEqual([])

  // Caught up, the page's own action goes through.
  const { actions } = await assign(core, [stranger.id], agent.id, true)
  expect(actions).toMatchObject([{ conversationId: stranger.id, customerName: 'Budi Asing' }])
  await waitDrained(core, 30_000)
  expect(await after.conversation(stranger.id)).toMatchObject({ status: 'handled', agentId: agent.id })
})
