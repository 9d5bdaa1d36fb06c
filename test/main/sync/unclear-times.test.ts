/**
 * Times the server sends that cannot be right: a channel whose clock says 2099, a field left at 0
 * (1970). The records are kept, but sorted, waited on, filtered and pruned by the time Observe first
 * saw them, what the server sent kept beside it for the page to show, and each logged once.
 * Against the real reference server over HTTP, its store written with such times before it starts.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startReferenceServer } from '../../../server/index'
import type { CachedConversation, ConversationPage } from '../../../shared/ipc'
import type { QueueNotice } from '../../../shared/ipc/queue-notices'
import { FUTURE_TOLERANCE_MS } from '../../../shared/domain'
import { DEFAULT_PLANNER_SETTINGS, NotificationPlanner } from '../../../electron/main/notify/planner'
import { watchQueue } from '../../../electron/main/notify/queue-watcher'
import { Api, Cleanup, connectionStatus, ipc, startCore, startServer, tempDir, type CoreHandle, type ReferenceServer } from '../support/reference'

const FUTURE = Date.UTC(2099, 0, 1, 9, 0)
const cleanup = new Cleanup()
afterAll(() => cleanup.run())

let server: ReferenceServer
let handle: CoreHandle
/** The server's ids of the chats given unclear times. */
const ids = { queuedIn1970: 0, queuedIn2099: 0, handledIn2099: 0, resolvedIn2099: 0 }
/** A chat that has truly waited past the alert's limit, so the queue is checked and told. */
let queuedLong = 0
/** When the core first saw them: from its start to its first time online. */
let seenFrom = 0
let seenBy = 0
const notices: QueueNotice[] = []

beforeAll(async () => {
  const dir = tempDir(cleanup, 'observe-unclear-times-')
  const dbFile = join(dir, 'server.sqlite')
  await (await startReferenceServer({ port: 0, seed: 400, sim: false, dbFile })).close()
  const db = new Database(dbFile)
  const nth = (status: string, n: number) => db.prepare('SELECT id FROM conversations WHERE status = ? ORDER BY id LIMIT 1 OFFSET ?').pluck().get(status, n) as number
  const set = (id: number, columns: string, ...values: number[]) => db.prepare(`UPDATE conversations SET ${columns} WHERE id = ?`).run(...values, id)
  ids.queuedIn1970 = nth('in_queue', 0)
  set(ids.queuedIn1970, 'queued_at = 0')
  ids.queuedIn2099 = nth('in_queue', 1)
  set(ids.queuedIn2099, 'created_at = ?, queued_at = ?, updated_at = ?, last_at = ?, thread_ready = 0', FUTURE, FUTURE, FUTURE, FUTURE)
  ids.handledIn2099 = nth('handled', 0)
  set(ids.handledIn2099, 'updated_at = ?, last_at = ?', FUTURE, FUTURE)
  ids.resolvedIn2099 = nth('resolved', 0)
  set(ids.resolvedIn2099, 'updated_at = ?, resolved_at = ?', FUTURE, FUTURE)
  queuedLong = nth('in_queue', 2)
  set(queuedLong, 'queued_at = ?', Date.now() - 20 * 60_000)
  db.close()

  server = await startServer(cleanup, { dbFile })
  seenFrom = Date.now()
  handle = await startCore(cleanup, server, join(dir, 'client'))
  const watcher = watchQueue({
    core: handle.core,
    planner: new NotificationPlanner(DEFAULT_PLANNER_SETTINGS),
    onNotices: (told) => notices.push(...told),
    onTray: () => {},
    overdueEveryMs: 20,
    readGapMs: 20,
  })
  cleanup.add(() => watcher.stop())
  watcher.refresh()
  await vi.waitFor(async () => expect(await connectionStatus(handle.core)).toBe('online'), { timeout: 20_000, interval: 50 })
  seenBy = Date.now()
})

const page = (input: object) => ipc<ConversationPage>(handle.core, 'conversations:list', { limit: 500, ...input })
const cached = async (id: number): Promise<CachedConversation> => (await ipc<{ conversation: CachedConversation }>(handle.core, 'conversations:get', { id })).conversation
const unclearLines = () => handle.logs.filter((line) => line.level === 'warn' && /cannot be right/.test(line.message))

describe('a time that cannot be right', () => {
  it('is kept as the time Observe first saw it, with what the server sent beside it', async () => {
    const queued = await cached(ids.queuedIn1970)
    expect(queued.unclearTimes).toEqual({ queuedAt: 0 })
    expect(queued.queuedAt).toBeGreaterThanOrEqual(seenFrom)
    expect(queued.queuedAt).toBeLessThanOrEqual(seenBy)
    const future = await cached(ids.queuedIn2099)
    expect(future.unclearTimes).toEqual({ createdAt: FUTURE, queuedAt: FUTURE, updatedAt: FUTURE, lastMessageAt: FUTURE })
    for (const at of [future.createdAt, future.queuedAt, future.updatedAt, future.lastMessage?.at]) expect(at).toBeLessThanOrEqual(seenBy)
    // Resolved "in 2099", it would never have aged out of the retention window.
    expect((await cached(ids.resolvedIn2099)).resolvedAt).toBeLessThanOrEqual(seenBy)
    expect((await cached(ids.handledIn2099)).unclearTimes).toEqual({ updatedAt: FUTURE, lastMessageAt: FUTURE })
    // Times that are right are left alone, and say nothing.
    const { rows } = await page({ tab: 'all' })
    expect(rows.filter((c) => c.unclearTimes !== undefined).map((c) => c.id).sort((a, b) => a - b)).toEqual(Object.values(ids).sort((a, b) => a - b))
  })

  it('does not pin a chat at the top of the latest activity for good, nor at the head of the queue', async () => {
    const queue = (await page({ tab: 'in_queue' })).rows
    expect(queue[0]!.id).toBe(queuedLong)
    // A chat that comes in later is the latest activity, above those from 2099.
    const { id } = await new Api(server).createDemoConversation('Baru Datang')
    await expect.poll(async () => (await page({ tab: 'all', limit: 1 })).rows[0]?.id, { timeout: 10_000 }).toBe(id)
    const { rows } = await page({ tab: 'all' })
    for (const c of rows) expect(c.updatedAt).toBeLessThanOrEqual(Date.now() + FUTURE_TOLERANCE_MS)
  })

  it('puts the chat under the day Observe first saw it, so Today finds a chat from 2099', async () => {
    const from = new Date(seenBy).setHours(0, 0, 0, 0)
    const today = await page({ tab: 'in_queue', filters: { from, to: from + 86_400_000 } })
    expect(today.rows.map((c) => c.id)).toContain(ids.queuedIn2099)
  })

  it('raises no alert for 490,000 hours of waiting once the cache has caught up', async () => {
    const overdue = () => notices.flatMap((n) => (n.kind === 'many_waiting_too_long' ? n.chats : n.kind === 'waiting_too_long' ? [n.chat] : []))
    // The first overdue check after the catch-up tells the chat that has waited 20 minutes; the one "from 1970" has not waited yet.
    await expect.poll(() => overdue().length, { timeout: 10_000 }).toBeGreaterThan(0)
    expect(overdue().map((c) => c.id)).toEqual([queuedLong])
  })

  it('keeps the wait from the first sight while the server goes on sending the same time, and logs it once', async () => {
    const before = await cached(ids.queuedIn1970)
    await new Api(server).write(ids.queuedIn1970, 'Halo? Masih menunggu')
    await expect.poll(async () => (await cached(ids.queuedIn1970)).version, { timeout: 10_000 }).toBeGreaterThan(before.version)
    const after = await cached(ids.queuedIn1970)
    expect(after.queuedAt).toBe(before.queuedAt)
    expect(after.unclearTimes).toEqual({ queuedAt: 0 })
    // One line per time found, however often it comes again: 1 + 4 + 2 + 2.
    const lines = unclearLines()
    expect(lines.filter((line) => line.message.includes(`conversation ${ids.queuedIn1970}:`))).toHaveLength(1)
    expect(lines).toHaveLength(9)
  })
})

describe('a server whose clock is ahead of this computer’s', () => {
  // Its times are all ahead of this computer's clock, and right by its own: none is unclear. A day
  // or more ahead, the clock takes a second reading that agrees before it moves (ServerClock).
  it.each([
    ['three hours', 3 * 3_600_000],
    ['three days', 3 * 86_400_000],
  ])('by %s has none of its times taken as unclear', async (_, clockSkewMs) => {
    const ahead = await startServer(cleanup, { seed: 60, clockSkewMs })
    await new Api(ahead).createDemoConversation('Baru Saja')
    const client = await startCore(cleanup, ahead, join(tempDir(cleanup, 'observe-unclear-ahead-'), 'client'))
    await expect.poll(() => connectionStatus(client.core), { timeout: 20_000 }).toBe('online')
    const { rows } = await ipc<ConversationPage>(client.core, 'conversations:list', { tab: 'all', limit: 500 })
    expect(rows.length).toBeGreaterThan(50)
    expect(rows.filter((c) => c.unclearTimes !== undefined)).toEqual([])
    expect(client.logs.filter((line) => /cannot be right/.test(line.message))).toEqual([])
  })
})
