/**
 * A steady stream of new chats, against a real core and the reference server: after a new-chat
 * notice the planner gathers the next chats, and the watcher tells them when the cool-down ends by
 * a read of its own, even when nothing in the queue changes by then; a chat picked up meanwhile
 * is not told.
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createCore } from '../../../electron/main/core'
import { DEFAULT_PLANNER_SETTINGS, NotificationPlanner } from '../../../electron/main/notify/planner'
import { watchQueue } from '../../../electron/main/notify/queue-watcher'
import type { QueueNotice } from '../../../shared/ipc/queue-notices'
import type { ConversationPage, Workspace } from '../../../shared/ipc'
import { Api, Cleanup, connectionStatus, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

/**
 * Long enough for two chats to arrive and one to be assigned within it, on a busy machine too: at
 * 5 s a CI run beside other suites saw the cool-down end before the assignment had landed.
 */
const COOL_DOWN_MS = 10_000

it('tells the chats gathered after a notice when the cool-down ends, by its own read, not those picked up meanwhile', async () => {
  const server = await startServer(cleanup, { seed: 60 })
  const api = new Api(server)
  const core = createCore({
    dataDir: join(tempDir(cleanup), 'client'),
    backend: { kind: 'reference', baseUrl: server.url, ...server.credentials },
    sync: { backoff: { baseMs: 50, maxMs: 300 }, eventIntervalMs: 5 },
  })
  cleanup.add(() => core.stop())
  const changes: number[] = []
  core.on('cache:changed', () => changes.push(Date.now()))
  const told: { at: number; notices: QueueNotice[] }[] = []
  const planner = new NotificationPlanner({ ...DEFAULT_PLANNER_SETTINGS, waitingTooLongMs: 0 }, Date.now, undefined, COOL_DOWN_MS)
  const watcher = watchQueue({ core, planner, onNotices: (notices) => told.push({ at: Date.now(), notices }), onTray: () => {}, readGapMs: 10 })
  cleanup.add(() => watcher.stop())
  await core.start()
  watcher.refresh()
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')

  // The first chat after a quiet spell is told at once.
  const first = await api.createDemoConversation('Pertama Datang')
  await expect.poll(() => told.length, { timeout: 10_000 }).toBe(1)
  expect(told[0]!.notices).toEqual([expect.objectContaining({ kind: 'new_chat', chat: expect.objectContaining({ id: first.id }) })])

  // Two more come within the cool-down it began; the supervisor assigns one of them at once.
  const waiting = await api.createDemoConversation('Masih Menunggu')
  const picked = await api.createDemoConversation('Sudah Diambil')
  const queued = async (): Promise<number[]> => {
    const page = await core.handle('conversations:list', { tab: 'in_queue', limit: 500 })
    return page.ok ? (page.value as ConversationPage).rows.map((c) => c.id) : []
  }
  await expect.poll(queued, { timeout: 10_000 }).toEqual(expect.arrayContaining([waiting.id, picked.id]))
  // The watcher reads the queue a moment after the cache has them: gathered once it has.
  await expect.poll(() => planner.gatheredDueAt(), { timeout: 10_000 }).not.toBeNull()
  const due = planner.gatheredDueAt()
  // Gathering: the cool-down runs from the first notice (noted a moment after it was planned).
  expect(due! - told[0]!.at).toBeGreaterThan(COOL_DOWN_MS - 100)
  expect(due! - told[0]!.at).toBeLessThanOrEqual(COOL_DOWN_MS)
  const workspace = await core.handle('workspace:get', {})
  if (!workspace.ok) throw new Error(workspace.error.message)
  const { agents, datasetId: dataset } = workspace.value as Workspace
  const assigned = await core.handle('outbox:assign', { conversationIds: [picked.id], agentId: agents[0]!.id, overrideQuota: true, dataset })
  expect(assigned.ok).toBe(true)
  await expect.poll(queued, { timeout: 10_000 }).not.toContain(picked.id)
  // Still gathering.
  expect(planner.gatheredDueAt()).toBe(due)
  expect(told).toHaveLength(1)

  // At the cool-down's end the one still waiting is told, with no change to the queue to prompt it.
  await expect.poll(() => told.length, { timeout: COOL_DOWN_MS + 10_000 }).toBe(2)
  expect(told[1]!.notices).toEqual([expect.objectContaining({ kind: 'new_chat', chat: expect.objectContaining({ id: waiting.id }) })])
  expect(told[1]!.at).toBeGreaterThanOrEqual(due!)
  expect(changes.filter((at) => at >= due! && at <= told[1]!.at)).toEqual([])
  expect(planner.gatheredDueAt()).toBeNull()
}, 60_000)
