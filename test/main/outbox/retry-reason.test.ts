/**
 * An action the server failed with a fault of its own keeps why, in a word the page can say in the
 * supervisor's language, beside the technical text the log and support read.
 */
import { afterEach, expect, it } from 'vitest'
import { ipcContract } from '../../../shared/ipc'
import { Cleanup, connectionStatus, ipc, startCore, startServer, tempDir } from '../support/reference'
import { assign, cached, outboxList, Witness } from './support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

/** Long enough that no retry falls inside the wait for the first failure. */
const SLOW_OUTBOX = { backoff: { baseMs: 60_000, maxMs: 60_000 } }

it('stores "server_error" with an action a 503 sent back to wait', async () => {
  const server = await startServer(cleanup, { seed: 320, sim: false, heartbeatMs: 200 })
  const witness = new Witness(() => server.url, server.credentials)
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { outbox: SLOW_OUTBOX })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const chat = await witness.newQueued('Sari Server')
  await expect.poll(async () => (await cached(core, chat.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
  const agent = (await witness.agents()).find((a) => a.role === 'agent' && a.presence === 'online')!

  // Every API answer a 503 (demo routes are spared).
  expect((await witness.post('/demo/faults', { errorRate: 1 })).status).toBe(200)
  const { actions } = await assign(core, [chat.id], agent.id, true)
  const action = async () => (await outboxList(core)).find((a) => a.id === actions[0]!.id)!
  await expect.poll(async () => (await action()).lastError, { timeout: 10_000 }).not.toBeNull()
  expect(await action()).toMatchObject({ state: 'queued', attempts: 1, lastErrorReason: 'server_error' })
  // As the page receives it: the contract the renderer checks every answer against takes it.
  const listed = ipcContract['outbox:list'].output.parse(await ipc(core, 'outbox:list'))
  expect(listed.actions.find((a) => a.id === actions[0]!.id)?.lastErrorReason).toBe('server_error')
})
