/**
 * Chats that joined the queue while Observe was away (the laptop slept, the network dropped) come
 * in with the catch-up after it. They are told once the cache has caught up, in one notice that
 * counts them all, even where the queue is longer than one read from each end: told as the catch-up
 * brought them, they had come as "5 new chats waiting" for each read (the read's limit), or as one
 * notice per page of the catch-up, which added up to more than came.
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/main/core'
import { DEFAULT_PLANNER_SETTINGS, NEW_CHAT_COOL_DOWN_MS, NotificationPlanner } from '../../../electron/main/notify/planner'
import { MAX_NEWS_READS, watchQueue } from '../../../electron/main/notify/queue-watcher'
import type { QueueNotice } from '../../../shared/ipc/queue-notices'
import type { ConnectionStatus } from '../../../shared/ipc'
import { Api, Cleanup, startServer, tempDir } from '../support/reference'
import { startTcpProxy } from '../support/tcp-proxy'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

interface Told {
  status: ConnectionStatus
  notices: QueueNotice[]
}

/**
 * A core behind a proxy, online with a queue longer than both ends of a read, loses the network
 * while `count` chats join the queue, and comes back with its stream held back until the watcher
 * has read the queue, with them in it, while the sync still catches up. Answers what was told,
 * each notice marked with the connection's state when it came.
 */
async function awayAndBack(queueLimit: number, count: number): Promise<{ told: Told[]; api: Api }> {
  const server = await startServer(cleanup, { seed: 60 })
  const api = new Api(server)
  for (let i = 0; i < 18; i++) await api.createDemoConversation(`Antrean ${i}`)
  const proxy = await startTcpProxy(server)
  cleanup.add(() => proxy.close())
  const core: Core = createCore({
    dataDir: join(tempDir(cleanup), 'client'),
    backend: { kind: 'reference', baseUrl: proxy.url, ...server.credentials },
    sync: { backoff: { baseMs: 50, maxMs: 300 }, streamIdleTimeoutMs: 2000, eventIntervalMs: 5 },
  })
  cleanup.add(() => core.stop())
  // Heard before the watcher hears it: each notice and tray is marked with the state it came in.
  let status: ConnectionStatus = 'syncing'
  core.on('connection:changed', (state) => (status = state.status))
  const told: Told[] = []
  const trays: { status: ConnectionStatus; inQueue: number }[] = []
  const watcher = watchQueue({
    core,
    planner: new NotificationPlanner({ ...DEFAULT_PLANNER_SETTINGS, waitingTooLongMs: 0 }),
    onNotices: (notices) => told.push({ status, notices }),
    onTray: (tray) => trays.push({ status, inQueue: tray.inQueue }),
    queueLimit,
    readGapMs: 10,
  })
  cleanup.add(() => watcher.stop())
  await core.start()
  watcher.refresh()
  await expect.poll(() => trays.some((t) => t.status === 'online'), { timeout: 20_000 }).toBe(true)
  const inQueue = trays.at(-1)!.inQueue
  expect(inQueue).toBeGreaterThan(2 * queueLimit)

  proxy.cut()
  await expect.poll(() => status, { timeout: 10_000 }).toBe('offline')
  for (let i = 0; i < count; i++) await api.createDemoConversation(`Selama Pergi ${i}`)

  proxy.holdStreams(true)
  proxy.restore()
  await expect.poll(() => trays.some((t) => t.status === 'syncing' && t.inQueue === inQueue + count), { timeout: 20_000 }).toBe(true)
  proxy.holdStreams(false)
  await expect.poll(() => told.length, { timeout: 10_000 }).toBeGreaterThan(0)
  return { told, api }
}

it('tells the chats that came while away once caught up, in one notice that counts every one of them', async () => {
  const { told, api } = await awayAndBack(5, 12)
  expect(told[0]).toEqual({ status: 'online', notices: [expect.objectContaining({ kind: 'new_chats', count: 12 })] })
  expect(told[0]!.notices[0]).not.toHaveProperty('atLeast')
  // The next notice is the next chat (when the cool-down the twelve's notice began ends): nothing
  // else was told of the twelve.
  const next = await api.createDemoConversation('Sesudahnya')
  await expect.poll(() => told.length, { timeout: NEW_CHAT_COOL_DOWN_MS + 10_000 }).toBe(2)
  expect(told[1]!.notices).toEqual([expect.objectContaining({ kind: 'new_chat', chat: expect.objectContaining({ id: next.id }) })])
})

it(`says "at least" when more came while away than ${MAX_NEWS_READS} reads from the newest end hold`, async () => {
  const { told } = await awayAndBack(1, MAX_NEWS_READS + 4)
  expect(told[0]).toEqual({ status: 'online', notices: [expect.objectContaining({ kind: 'new_chats', count: MAX_NEWS_READS, atLeast: true })] })
})
