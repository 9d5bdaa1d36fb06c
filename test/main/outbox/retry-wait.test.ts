/**
 * An action that failed on a server error waits out its backoff while the sync stays online. Only
 * the way back online (from offline or syncing) sends what waits at once. Each live commit and
 * heartbeat used to count as "online" too: it sent a failing action again every time, and wrote to
 * the cache from the main thread, where it waited on the writer thread's transaction.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Cleanup, connectionStatus, ipc, startCore, startServer, tempDir } from '../support/reference'
import { assign, cached, outboxList, Witness } from './support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

/** Long enough that no retry falls inside the test on its own. */
const SLOW_OUTBOX = { backoff: { baseMs: 60_000, maxMs: 60_000 } }

const syncedAt = async (core: Parameters<typeof connectionStatus>[0]): Promise<number> =>
  (await ipc<{ lastSyncedAt: number | null }>(core, 'connection:get')).lastSyncedAt ?? 0

describe('an action waiting to retry', () => {
  it('keeps its wait through live commits and heartbeats, and goes at once when the connection comes back', async () => {
    const dir = tempDir(cleanup)
    const dbFile = join(dir, 'server.db')
    const first = await startServer(cleanup, { seed: 310, dbFile })
    const witness = new Witness(() => first.url, first.credentials)
    const { core } = await startCore(cleanup, first, join(dir, 'client'), { outbox: SLOW_OUTBOX })
    await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
    const chat = await witness.newQueued('Rina Retry')
    await expect.poll(async () => (await cached(core, chat.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
    const me = (await witness.agents()).find((a) => a.role === 'supervisor')!

    // Every new request now fails with 503; the event stream already open keeps delivering.
    await witness.post('/demo/faults', { errorRate: 1 })
    const { actions } = await assign(core, [chat.id], me.id)
    const action = async () => (await outboxList(core)).find((a) => a.id === actions[0]!.id)!
    await expect.poll(async () => (await action()).lastError, { timeout: 10_000 }).not.toBeNull()
    expect(await action()).toMatchObject({ state: 'queued', attempts: 1 })

    // Live changes arrive and are committed, each one moving "synced at", with heartbeats between.
    const before = await syncedAt(core)
    for (const name of ['Live One', 'Live Two', 'Live Three']) {
      const live = await witness.newQueued(name)
      await expect.poll(async () => (await cached(core, live.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
    }
    await expect.poll(() => syncedAt(core), { timeout: 10_000 }).toBeGreaterThan(before)
    expect(await connectionStatus(core)).toBe('online')
    expect(await action()).toMatchObject({ state: 'queued', attempts: 1 })

    // The server goes away and comes back without faults: back online, the action goes without
    // waiting out its minute.
    await first.close()
    await expect.poll(() => connectionStatus(core), { timeout: 10_000 }).toBe('offline')
    const second = await startServer(cleanup, { dbFile, port: first.port })
    await expect.poll(async () => (await action()).state, { timeout: 20_000 }).toBe('done')
    expect((await new Witness(() => second.url, second.credentials).conversation(chat.id)).agentId).toBe(me.id)
  })
})
