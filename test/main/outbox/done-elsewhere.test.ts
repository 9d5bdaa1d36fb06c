/**
 * Two supervisors send the same chat to the same agent: one online, one with the action waiting
 * to be sent. The server refuses the second (the chat is that agent's already), but the chat is
 * where the second supervisor sent it, so the action is done, not a refusal in red.
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { Cleanup, connectionStatus, startCore, startServer, tempDir } from '../support/reference'
import { cached, outboxList, transfer, Witness } from './support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

/** Long enough that no retry falls inside the test on its own. */
const SLOW_OUTBOX = { backoff: { baseMs: 60_000, maxMs: 60_000 } }

it('a transfer another supervisor made first, to the same agent, counts as done', async () => {
  const dir = tempDir(cleanup)
  const dbFile = join(dir, 'server.db')
  const first = await startServer(cleanup, { seed: 300, dbFile })
  const witness = new Witness(() => first.url, first.credentials)
  const { core } = await startCore(cleanup, first, join(dir, 'client'), { outbox: SLOW_OUTBOX })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const [from, to] = (await witness.agents()).filter((a) => a.role === 'agent' && a.presence === 'online' && a.load + 1 < a.quota)
  const chat = await witness.newQueued('Zaki Transfercase')
  expect((await witness.post(`/conversations/${chat.id}/assign`, { agentId: from!.id }, { 'Idempotency-Key': 'setup' })).status).toBe(200)
  await expect.poll(async () => (await cached(core, chat.id).catch(() => null))?.agentId, { timeout: 10_000 }).toBe(from!.id)

  // This supervisor's transfer fails once and waits its minute.
  await witness.post('/demo/faults', { errorRate: 1 })
  const { actions } = await transfer(core, chat.id, to!.id)
  const action = async () => (await outboxList(core)).find((a) => a.id === actions[0]!.id)!
  await expect.poll(async () => (await action()).lastError, { timeout: 10_000 }).not.toBeNull()
  // Meanwhile another supervisor makes the same transfer.
  await witness.post('/demo/faults', { errorRate: 0 })
  const other = await witness.post(`/conversations/${chat.id}/transfer`, { agentId: to!.id, expectedAgentId: from!.id }, { 'Idempotency-Key': 'elsewhere' })
  expect(other.status).toBe(200)

  // Back online, this one is sent, refused as already done, and settles as done.
  await first.close()
  await expect.poll(() => connectionStatus(core), { timeout: 10_000 }).toBe('offline')
  await startServer(cleanup, { dbFile, port: first.port })
  await expect.poll(async () => (await action()).state, { timeout: 20_000 }).toMatch(/done|rejected/)
  expect(await action()).toMatchObject({ state: 'done' })
  expect((await cached(core, chat.id)).agentId).toBe(to!.id)
})
