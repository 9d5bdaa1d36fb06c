import { afterEach, expect, it } from 'vitest'
import { Cleanup, connectionStatus, startCore, startServer, tempDir } from '../support/reference'
import { assign, cached, FAST_OUTBOX, outboxList, transfer, waitDrained, Witness } from './support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

it('actions queued while the server fails go through after the customers wrote again, and a transfer refuses a chat another agent took', async () => {
  const server = await startServer(cleanup, { seed: 200, sim: false, heartbeatMs: 200 })
  const witness = new Witness(() => server.url, server.credentials)
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const [a, b, c] = (await witness.agents()).filter((x) => x.role === 'agent' && x.presence === 'online')
  const waiting = await witness.newQueued('Waiting Customer')
  const served = await witness.newQueued('Served Customer')
  const taken = await witness.newQueued('Taken Customer')
  for (const id of [served.id, taken.id]) expect((await witness.post(`/conversations/${id}/assign`, { agentId: a!.id, overrideQuota: true })).status).toBe(200)
  await expect.poll(async () => (await cached(core, taken.id).catch(() => null))?.agentId, { timeout: 10_000 }).toBe(a!.id)
  await expect.poll(async () => (await cached(core, waiting.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')

  // Every API answer a 503 (demo routes are spared): the actions wait in the outbox.
  expect((await witness.post('/demo/faults', { errorRate: 1 })).status).toBe(200)
  await assign(core, [waiting.id], b!.id, true)
  await transfer(core, served.id, b!.id, true)
  await transfer(core, taken.id, b!.id, true)
  // Strictly in order: the first is tried and waits for its retry, the others behind it.
  await expect.poll(async () => (await outboxList(core))[0]?.lastError ?? null, { timeout: 10_000 }).not.toBeNull()
  await witness.customerWrites(waiting.id, 'Halo? Masih ada orang?')
  await witness.customerWrites(served.id, 'Terima kasih, kak')
  // Meanwhile somebody else moves one chat to a third agent.
  await witness.post('/demo/faults', { errorRate: 0 })
  expect((await witness.post(`/conversations/${taken.id}/transfer`, { agentId: c!.id, overrideQuota: true })).status).toBe(200)

  await waitDrained(core)
  const outcomes = new Map((await outboxList(core)).map((x) => [x.conversationId, x]))
  expect(outcomes.get(waiting.id)?.state).toBe('done')
  expect(outcomes.get(served.id)?.state).toBe('done')
  expect(outcomes.get(taken.id)).toMatchObject({ state: 'rejected', rejection: { code: 'conflict', handledBy: { agentId: c!.id } } })
  expect(await witness.conversation(waiting.id)).toMatchObject({ status: 'handled', agentId: b!.id })
  expect(await witness.conversation(served.id)).toMatchObject({ status: 'handled', agentId: b!.id })
  expect(await witness.conversation(taken.id)).toMatchObject({ status: 'handled', agentId: c!.id })
})
