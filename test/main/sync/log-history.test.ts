/**
 * Log History through the core: the server's assignment log copied into the cache by the sync,
 * read newest first over IPC, against the reference server and a fixture for shapes it never sends.
 */
import { afterEach, expect, it } from 'vitest'
import type { AssignmentRecord } from '../../../shared/api'
import type { LogPage } from '../../../shared/ipc'
import { json, startFixtureApi } from '../support/fixture-server'
import { Cleanup, connectionStatus, ipc, startCore, startServer, tempDir } from '../support/reference'
import { assign, cached, FAST_OUTBOX, transfer, waitDrained, Witness } from '../outbox/support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

const logPage = (core: Parameters<typeof ipc>[0], input: { before?: number | null; limit?: number; agentId?: number; from?: number; to?: number } = {}) => ipc<LogPage>(core, 'log:list', input)

it("copies the server's hand-offs into Log History, newest first with each chat as cached, and tells the page", async () => {
  const server = await startServer(cleanup, { seed: 200 })
  const witness = new Witness(() => server.url, server.credentials)
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX, sync: { eventIntervalMs: 20, logSpacingMs: 50 } })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  let told = 0
  core.on('log:changed', () => told++)
  const before = (await witness.assignments()).length

  const a = await witness.newQueued('Log Quillfeather')
  const b = await witness.newQueued('Log Brightwater')
  await expect.poll(async () => (await cached(core, b.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
  const agents = (await witness.agents()).filter((x) => x.role === 'agent' && x.presence === 'online' && x.load + 2 <= x.quota)
  const [first, second] = [agents[0]!, agents[1]!]
  await assign(core, [a.id, b.id], first.id)
  await waitDrained(core)
  await transfer(core, a.id, second.id)
  await waitDrained(core)

  const server3 = (await witness.assignments()).slice(before)
  expect(server3.map((r) => [r.conversationId, r.action, r.fromAgentId, r.toAgentId])).toEqual([
    [a.id, 'assign', null, first.id],
    [b.id, 'assign', null, first.id],
    [a.id, 'transfer', first.id, second.id],
  ])
  await expect.poll(async () => (await logPage(core, { limit: 3 })).entries.map((e) => e.id), { timeout: 10_000 }).toEqual(
    server3.map((r) => r.id).reverse(),
  )
  // The event follows the commit the read above already saw.
  await expect.poll(() => told).toBeGreaterThan(0)

  // Each entry is the server's record, with the chat as the cache holds it.
  const newest = await logPage(core, { limit: 3 })
  const byId = new Map<number, AssignmentRecord>(server3.map((r) => [r.id, r]))
  for (const entry of newest.entries) {
    const { conversation, ...record } = entry
    expect(record).toEqual(byId.get(entry.id))
    const chat = await cached(core, entry.conversationId)
    expect(conversation).toEqual({ ticketNo: chat.ticketNo, customerName: chat.customer.name, customerHandle: chat.customer.handle, channel: chat.channel })
  }
  expect(newest.entries[0]!.conversation?.customerName).toBe('Log Quillfeather')

  // Keyset pages: two, then the third, then the end; nothing twice, nothing skipped.
  const all = (await witness.assignments()).map((r) => r.id).reverse()
  const seen: number[] = []
  let page = await logPage(core, { limit: 2 })
  for (;;) {
    seen.push(...page.entries.map((e) => e.id))
    if (page.nextBefore === null) break
    page = await logPage(core, { before: page.nextBefore, limit: 2 })
  }
  expect(seen).toEqual(all)

  // Narrowed: an agent's own hand-offs, given or received, and a range of time.
  const ids = async (filters: { agentId?: number; from?: number; to?: number }) => (await logPage(core, { limit: 3, ...filters })).entries.map((e) => e.id)
  const [assignA, assignB, transferA] = server3
  // From the first of this test's hand-offs on: before it lies the demo's seeded history.
  const since = assignA!.at
  expect(await ids({ agentId: second.id, from: since })).toEqual([transferA!.id])
  expect(await ids({ agentId: first.id, from: since })).toEqual([transferA!.id, assignB!.id, assignA!.id])
  expect(await ids({ from: transferA!.at })).toEqual([transferA!.id])
  expect(await ids({ agentId: first.id, from: since, to: transferA!.at })).toEqual([assignB!.id, assignA!.id].filter((id) => byId.get(id)!.at < transferA!.at))
  // The seeded hand-offs came along: the log reaches back weeks, not minutes.
  const oldest = (await witness.assignments())[0]!
  expect(Date.now() - oldest.at).toBeGreaterThan(7 * 86_400_000)
  expect((await ipc<LogPage>(core, 'log:list', { order: 'oldest_first', limit: 1 })).entries.map((e) => e.id)).toEqual([oldest.id])
  expect(await core.handle('log:list', { agentId: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  expect(await core.handle('log:list', { from: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
})

it('skips a malformed log record, moves past it, keeps only records inside the window, and answers a chat it does not hold as null', async () => {
  const now = Date.now()
  const record = (id: number, at = now): AssignmentRecord => ({ id, conversationId: 900 + id, action: 'assign', byAgentId: 1, fromAgentId: null, toAgentId: 1, at })
  const asked: number[] = []
  const api = await startFixtureApi({
    'GET /api/v1/conversations': (_req, res) => json(res, { items: [], nextAfter: null }),
    'GET /api/v1/assignments': (_req, res, url) => {
      const after = Number(url.searchParams.get('after'))
      // A server from before newest first ignores the order: the one ask for it is not a page read again.
      if (url.searchParams.get('order') !== 'newest_first') asked.push(after)
      // An old record (before the 30-day window), a good one, and a malformed last one.
      if (after === 0) return json(res, { items: [record(1, now - 40 * 86_400_000), record(2), { ...record(3), action: 'steal' }], nextAfter: 3 })
      if (after === 3) return json(res, { items: [record(4)], nextAfter: null })
      json(res, { items: [], nextAfter: null })
    },
  })
  cleanup.add(() => api.close())
  const { core, logs } = await startCore(cleanup, { url: api.url, credentials: { email: 'spv@example.com', password: 'x' } }, tempDir(cleanup), {
    sync: { backoff: { baseMs: 20, maxMs: 100 }, logSpacingMs: 10 },
  })

  await expect.poll(async () => (await logPage(core)).entries.map((e) => e.id), { timeout: 10_000 }).toEqual([4, 2])
  expect((await logPage(core)).entries.every((e) => e.conversation === null)).toBe(true)
  expect(logs.some((l) => l.level === 'warn' && l.message === 'skipped a malformed assignment record')).toBe(true)
  // Never asked again from before what it already holds.
  await expect.poll(() => asked.length, { timeout: 10_000 }).toBeGreaterThan(2)
  expect(asked.slice(0, 2)).toEqual([0, 3])
  expect(asked.slice(2).every((after) => after >= 4)).toBe(true)
})

it('rests between the pages of a long copy, so a first copy of a busy month leaves the machine to the live changes', async () => {
  const now = Date.now()
  const record = (id: number): AssignmentRecord => ({ id, conversationId: 900 + id, action: 'assign', byAgentId: 1, fromAgentId: null, toAgentId: 1, at: now })
  // Three pages of the log, asked for one after another: when each was asked for.
  const askedAt = new Map<number, number>()
  const api = await startFixtureApi({
    'GET /api/v1/conversations': (_req, res) => json(res, { items: [], nextAfter: null }),
    'GET /api/v1/assignments': (_req, res, url) => {
      const after = Number(url.searchParams.get('after'))
      if (!askedAt.has(after)) askedAt.set(after, performance.now())
      if (after < 3) return json(res, { items: [record(after + 1)], nextAfter: after + 1 })
      json(res, { items: [], nextAfter: null })
    },
  })
  cleanup.add(() => api.close())
  const rest = 400
  const { core } = await startCore(cleanup, { url: api.url, credentials: { email: 'spv@example.com', password: 'x' } }, tempDir(cleanup), {
    sync: { logSpacingMs: 10, logCatchUpRestMs: rest },
  })

  await expect.poll(async () => (await logPage(core)).entries.map((e) => e.id), { timeout: 10_000 }).toEqual([3, 2, 1])
  // A lower bound the follower keeps, not a stopwatch: without the rest the pages came back to back.
  expect(askedAt.get(1)! - askedAt.get(0)!).toBeGreaterThanOrEqual(rest - 5)
  expect(askedAt.get(2)! - askedAt.get(1)!).toBeGreaterThanOrEqual(rest - 5)
})
