/**
 * The queue watcher against a real core bootstrapping from the reference server: a bootstrap
 * reports changes every frame, and the watcher must not read the queue for each of them.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/main/core'
import { DEFAULT_PLANNER_SETTINGS, NEW_CHAT_COOL_DOWN_MS, NotificationPlanner } from '../../../electron/main/notify/planner'
import { watchQueue, type QueueWatcherOptions } from '../../../electron/main/notify/queue-watcher'
import type { TrayState } from '../../../electron/main/notify/tray-state'
import type { QueueNotice } from '../../../shared/ipc/queue-notices'
import type { ConversationDetail, ConversationPage, Workspace } from '../../../shared/ipc'
import { Conversation, Message } from '../../../shared/domain'
import { Witness } from '../outbox/support'
import { Api, Cleanup, connectionStatus, ipc, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

/** A core about to bootstrap 1,500 conversations in small pages and short event windows: many separate changes reported. */
async function bootstrappingCore(): Promise<Core> {
  const server = await startServer(cleanup, { seed: 1500 })
  const core = createCore({
    dataDir: join(tempDir(cleanup), 'client'),
    backend: { kind: 'reference', baseUrl: server.url, ...server.credentials },
    sync: { pageSize: 50, backoff: { baseMs: 50, maxMs: 300 }, eventIntervalMs: 5 },
  })
  cleanup.add(() => core.stop())
  return core
}

/** The chats a notice names. */
const named = (notice: QueueNotice): number[] => ('chat' in notice ? [notice.chat.id] : notice.chats.map((chat) => chat.id))

/** A real planner that counts its checks for chats waiting too long, so a test can wait for the next ones. */
class CountedPlanner extends NotificationPlanner {
  checks = 0
  override alertOverdue(...args: Parameters<NotificationPlanner['alertOverdue']>): ReturnType<NotificationPlanner['alertOverdue']> {
    this.checks++
    return super.alertOverdue(...args)
  }
}

describe('the queue watcher', () => {
  it('reads the queue at most once per gap while a bootstrap reports change after change, and at once when the cache has caught up', async () => {
    const core = await bootstrappingCore()
    // The core as the watcher sees it, noting when the queue is read.
    const reads: number[] = []
    const counted: Core = {
      start: () => core.start(),
      stop: () => core.stop(),
      on: (event, listener) => core.on(event, listener),
      handle: (channel, input) => {
        if (channel === 'conversations:list') reads.push(performance.now())
        return core.handle(channel, input)
      },
    }
    let changes = 0
    core.on('cache:changed', () => changes++)
    const trays: TrayState[] = []
    // A gap longer than the test: only the first read and the baseline read can happen in it.
    const watcher = watchQueue({ core: counted, planner: new NotificationPlanner(DEFAULT_PLANNER_SETTINGS), onNotices: () => {}, onTray: (t) => trays.push(t), readGapMs: 60_000 })
    cleanup.add(() => watcher.stop())
    await core.start()
    watcher.refresh()

    await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
    // The baseline read, asked for when the cache caught up, is not held back by the gap.
    await expect.poll(() => reads.length, { timeout: 5_000 }).toBe(2)
    // Many more changes than reads (a busy machine coalesces the 30 pages' changes into fewer events:
    // 10 in a full run beside the e2e suite).
    expect(changes).toBeGreaterThan(5)
    // The tray has the queue from that read, and its count from the core's counts.
    await expect.poll(() => trays.at(-1)?.longestWaiting.length ?? 0, { timeout: 5_000 }).toBeGreaterThan(0)
    expect(trays.at(-1)!.inQueue).toBeGreaterThan(0)
    expect(reads).toHaveLength(2)
  })

  it('says nothing about chats waiting too long until the cache has caught up, then tells the whole backlog at once', async () => {
    const core = await bootstrappingCore()
    let online = false
    core.on('connection:changed', (state) => (online ||= state.status === 'online'))
    const told: { online: boolean; at: number; notices: QueueNotice[] }[] = []
    const onNotices: QueueWatcherOptions['onNotices'] = (notices) => told.push({ online, at: Date.now(), notices })
    // Checks far more often than the bootstrap takes, with the queue read every few frames.
    const planner = new NotificationPlanner(DEFAULT_PLANNER_SETTINGS)
    const watcher = watchQueue({ core, planner, onNotices, onTray: () => {}, overdueEveryMs: 5, readGapMs: 20 })
    cleanup.add(() => watcher.stop())
    await core.start()
    watcher.refresh()

    await expect.poll(() => told.length, { timeout: 20_000 }).toBeGreaterThan(0)
    expect(told.filter((t) => !t.online)).toEqual([])
    const page = await core.handle('conversations:list', { tab: 'in_queue', limit: 500 })
    if (!page.ok) throw new Error(page.error.message)
    const overdue = (page.value as ConversationPage).rows.filter((c) => told[0]!.at - (c.queuedAt ?? c.createdAt) >= DEFAULT_PLANNER_SETTINGS.waitingTooLongMs)
    expect(overdue.length).toBeGreaterThan(DEFAULT_PLANNER_SETTINGS.coalesceAbove)
    expect(told[0]!.notices).toEqual([expect.objectContaining({ kind: 'many_waiting_too_long', count: overdue.length })])
  })

  it('reads a queue longer than one read from both ends: a newcomer is told, chats moving up the queue are not', async () => {
    const server = await startServer(cleanup, { seed: 60 })
    const api = new Api(server)
    for (let i = 0; i < 18; i++) await api.createDemoConversation(`Antrean ${i}`)
    const core = createCore({
      dataDir: join(tempDir(cleanup), 'client'),
      backend: { kind: 'reference', baseUrl: server.url, ...server.credentials },
      sync: { backoff: { baseMs: 50, maxMs: 300 }, eventIntervalMs: 5 },
    })
    cleanup.add(() => core.stop())
    // The core as the watcher sees it, noting reads from the queue's newest end: the watcher makes
    // them only once the cache has caught up, so the first tray after one means it is live.
    let newestEndReads = 0
    const counted: Core = {
      start: () => core.start(),
      stop: () => core.stop(),
      on: (event, listener) => core.on(event, listener),
      handle: (channel, input) => {
        if (channel === 'conversations:list' && (input as { sort?: string }).sort === 'waiting_asc') newestEndReads++
        return core.handle(channel, input)
      },
    }
    const notices: QueueNotice[] = []
    const trays: { afterNewestEnd: boolean; state: TrayState }[] = []
    const watcher = watchQueue({
      core: counted,
      planner: new NotificationPlanner({ ...DEFAULT_PLANNER_SETTINGS, waitingTooLongMs: 0 }),
      onNotices: (list) => notices.push(...list),
      onTray: (state) => trays.push({ afterNewestEnd: newestEndReads > 0, state }),
      queueLimit: 5,
      readGapMs: 10,
    })
    cleanup.add(() => watcher.stop())
    await core.start()
    watcher.refresh()
    await expect.poll(() => trays.some((t) => t.afterNewestEnd), { timeout: 20_000 }).toBe(true)
    const page = async (): Promise<number[]> => {
      const answer = await core.handle('conversations:list', { tab: 'in_queue', limit: 500 })
      if (!answer.ok) throw new Error(answer.error.message)
      return (answer.value as ConversationPage).rows.map((c) => c.id)
    }
    const queued = await page()
    // Still longer than both ends once five are served.
    expect(queued.length).toBeGreaterThan(15)

    // The five longest waiting are assigned: the next five, never read before, come into view.
    const workspace = await core.handle('workspace:get', {})
    if (!workspace.ok) throw new Error(workspace.error.message)
    const agentId = (workspace.value as Workspace).agents[0]!.id
    const dataset = (workspace.value as Workspace).datasetId
    const served = await core.handle('outbox:assign', { conversationIds: queued.slice(0, 5), agentId, overrideQuota: true, dataset })
    expect(served.ok).toBe(true)
    await expect.poll(() => trays.at(-1)?.state.longestWaiting.map((c) => c.id), { timeout: 10_000 }).toEqual(queued.slice(5, 10))
    expect(notices).toEqual([])

    // A newcomer joins at the far end of the queue, where the oldest-first read never reaches.
    const newcomer = await api.createDemoConversation('Pendatang Baru')
    await expect.poll(() => notices.length, { timeout: 10_000 }).toBe(1)
    expect(notices[0]).toMatchObject({ kind: 'new_chat', chat: { id: newcomer.id, customerName: 'Pendatang Baru' } })
  })

  it('does not tell a chat as newly waiting when the assignment that took it out of the queue is refused', async () => {
    const server = await startServer(cleanup, { seed: 60 })
    const api = new Api(server)
    const core = createCore({
      dataDir: join(tempDir(cleanup), 'client'),
      backend: { kind: 'reference', baseUrl: server.url, ...server.credentials },
      sync: { backoff: { baseMs: 50, maxMs: 300 }, eventIntervalMs: 5 },
    })
    cleanup.add(() => core.stop())
    const notices: QueueNotice[] = []
    let trays = 0
    const watcher = watchQueue({
      core,
      planner: new NotificationPlanner({ ...DEFAULT_PLANNER_SETTINGS, waitingTooLongMs: 0 }),
      onNotices: (list) => notices.push(...list),
      onTray: () => trays++,
      readGapMs: 10,
    })
    cleanup.add(() => watcher.stop())
    await core.start()
    watcher.refresh()
    await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
    // Live: a chat that arrives now is told.
    const waiting = await api.createDemoConversation('Menunggu Lama')
    await expect.poll(() => notices.length, { timeout: 10_000 }).toBe(1)

    // Assigned to an agent who is offline: shown as assigned at once, refused by the server, back in the queue as it was.
    const workspace = await core.handle('workspace:get', {})
    if (!workspace.ok) throw new Error(workspace.error.message)
    const offline = (workspace.value as Workspace).agents.find((a) => a.presence === 'offline' && a.role === 'agent')!
    const dataset = (workspace.value as Workspace).datasetId
    const queued = await core.handle('outbox:assign', { conversationIds: [waiting.id], agentId: offline.id, overrideQuota: false, dataset })
    expect(queued.ok).toBe(true)
    const refused = async (): Promise<boolean> => {
      const list = await core.handle('outbox:list', {})
      return list.ok && (list.value as { actions: { state: string }[] }).actions.some((a) => a.state === 'rejected')
    }
    await expect.poll(refused, { timeout: 10_000 }).toBe(true)
    const inQueue = async (): Promise<boolean> => {
      const answer = await core.handle('conversations:list', { tab: 'in_queue', limit: 500 })
      return answer.ok && (answer.value as ConversationPage).rows.some((c) => c.id === waiting.id)
    }
    await expect.poll(inQueue, { timeout: 10_000 }).toBe(true)
    // A newcomer after it is told: the watcher has read the queue since the chat came back. Within
    // the cool-down the first notice began, it is told when that ends.
    const newcomer = await api.createDemoConversation('Pendatang Baru')
    await expect.poll(() => notices.length, { timeout: NEW_CHAT_COOL_DOWN_MS + 10_000 }).toBe(2)
    expect(notices.map((n) => n.kind === 'new_chat' && n.chat.id)).toEqual([waiting.id, newcomer.id])
    expect(trays).toBeGreaterThan(0)
  })

  // A lookup moves back a customer's wait for a reply, never a chat's time in the queue, from which
  // the long-wait notices count: a wait it finds began past the long wait was never crossed live.
  it('tells nothing of its own when the lookup of a wait only estimated finds it began past the long wait', async () => {
    const server = await startServer(cleanup, { seed: 400 })
    const witness = new Witness(() => server.url, server.credentials)
    const page = await witness.get<{ items: unknown[] }>('/conversations?limit=1000&resolvedSince=0')
    const longAgo = Date.now() - 2 * DEFAULT_PLANNER_SETTINGS.waitingTooLongMs
    // Customers waiting since well past the long wait, in the queue (already its backlog) and with
    // an agent; each writes again while Observe is closed, so the bootstrap sees only that message
    // and estimates their wait from it, under a minute, until the lookup reads the thread.
    const waiting = page.items
      .map((item) => Conversation.parse(item))
      .filter((c) => c.status !== 'resolved' && c.lastMessage?.direction === 'in' && c.lastMessage.at < longAgo && (c.queuedAt ?? c.createdAt) < longAgo)
    const moved = [...waiting.filter((c) => c.status === 'in_queue').slice(0, 3), ...waiting.filter((c) => c.status === 'handled').slice(0, 2)]
    expect(moved.map((c) => c.status)).toEqual(['in_queue', 'in_queue', 'in_queue', 'handled', 'handled'])
    for (const c of moved) {
      const { status, json } = await witness.post(`/demo/conversations/${c.id}/messages`, { text: 'Halo, masih ada?' })
      expect(status).toBe(201)
      expect(Message.parse(json).createdAt).toBeGreaterThan(longAgo)
    }

    const core = createCore({
      dataDir: join(tempDir(cleanup), 'client'),
      backend: { kind: 'reference', baseUrl: server.url, ...server.credentials },
      sync: { backoff: { baseMs: 50, maxMs: 300 }, eventIntervalMs: 5, awaiting: { spacingMs: 0, writeEveryMs: 20 } },
    })
    cleanup.add(() => core.stop())
    const told: QueueNotice[] = []
    const planner = new CountedPlanner(DEFAULT_PLANNER_SETTINGS)
    const watcher = watchQueue({ core, planner, onNotices: (notices) => told.push(...notices), onTray: () => {}, overdueEveryMs: 5, readGapMs: 20 })
    cleanup.add(() => watcher.stop())
    await core.start()
    watcher.refresh()

    // The lookup finds each wait began past the long wait: the clock the page shows moves there.
    const shownSince = async (id: number): Promise<number | undefined> => {
      const { conversation: c } = await ipc<ConversationDetail>(core, 'conversations:get', { id })
      return c.awaitingEstimated ? undefined : (c.awaitingSince ?? c.lastMessage?.at)
    }
    for (const c of moved) await expect.poll(() => shownSince(c.id), { timeout: 20_000 }).toBeLessThan(longAgo)
    // A chat that joins the queue now is told: the queue was read since the lookups were written.
    // And then two more checks for chats waiting too long.
    const newcomer = await new Api(server).createDemoConversation('Pendatang Baru')
    await expect.poll(() => told.flatMap(named), { timeout: 10_000 }).toContain(newcomer.id)
    const checks = planner.checks
    await expect.poll(() => planner.checks, { timeout: 5_000 }).toBeGreaterThan(checks + 1)

    // The queue's were told with its backlog, once, as it was found (one by one, or as one notice
    // past three); nothing since names them again, nor one with an agent, whose wait is no queue's.
    const tellings = told.flatMap(named)
    expect(moved.map((c) => tellings.filter((id) => id === c.id).length <= (c.status === 'in_queue' ? 1 : 0))).toEqual(moved.map(() => true))
    expect(told.filter((notice) => notice.kind === 'new_chat' || notice.kind === 'new_chats').flatMap(named)).toEqual([newcomer.id])
  }, 40_000)
})
