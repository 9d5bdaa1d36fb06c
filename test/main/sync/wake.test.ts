/**
 * A laptop that slept: its clock moved on, but the timers of a process measure a monotonic clock
 * that stood still meanwhile, and the change stream it had open may be dead without a word (the
 * router forgot the connection). The sync must not wait for that stream's silence timeout to
 * notice: it takes the jump of the clock for what it is and connects again at once.
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { getConversation } from '../../../electron/main/db/queries/conversations'
import { Api, Cleanup, connectionStatus, openCache, startCore, startServer, tempDir } from '../support/reference'
import { startTcpProxy } from '../support/tcp-proxy'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

it('connects again at once after the computer slept, not after the dead stream’s silence timeout', async () => {
  const server = await startServer(cleanup, { seed: 80 })
  const proxy = await startTcpProxy(server)
  cleanup.add(() => proxy.close())
  /** How far the wall clock has moved past the monotonic one: the time the computer slept. */
  let slept = 0
  const { core, dataDir } = await startCore(cleanup, { url: proxy.url, credentials: server.credentials }, join(tempDir(cleanup), 'client'), {
    sync: {
      backoff: { baseMs: 50, maxMs: 300 },
      eventIntervalMs: 20,
      // The product's own timeout: far longer than this test waits.
      streamIdleTimeoutMs: 45_000,
      clocks: { wall: () => Date.now() + slept, monotonic: () => performance.now() },
    },
  })
  const cache = openCache(cleanup, dataDir)
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')

  // The lid closes: the stream's connection goes dead, and chats keep arriving at the server.
  const streams = proxy.streamsAsked
  proxy.freeze()
  const whileAsleep = await new Api(server).createDemoConversation('Selama Tidur')
  // Two minutes later it opens again.
  slept += 120_000

  await expect.poll(() => getConversation(cache, whileAsleep.id) !== null, { timeout: 10_000 }).toBe(true)
  await expect.poll(() => connectionStatus(core), { timeout: 5_000 }).toBe('online')
  expect(proxy.streamsAsked).toBeGreaterThan(streams)
})
