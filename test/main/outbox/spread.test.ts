/**
 * Force Distribution through the core against the reference server: the plan read from the cache,
 * queued as assign actions, and the server's floor afterwards.
 */
import { afterEach, expect, it } from 'vitest'
import type { Conversation } from '../../../shared/domain'
import type { ConversationPage, OutboxEnqueueResult, SpreadPlan, Workspace } from '../../../shared/ipc'
import { Cleanup, connectionStatus, ipc, startCore, startServer, tempDir } from '../support/reference'
import { assign, cached, datasetSeen, FAST_OUTBOX, outboxList, waitDrained, Witness } from './support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

const plan = (core: Parameters<typeof ipc>[0], filters = {}) => ipc<SpreadPlan>(core, 'outbox:planSpread', { filters })
const queueIds = async (core: Parameters<typeof ipc>[0]): Promise<number[]> =>
  (await ipc<ConversationPage>(core, 'conversations:list', { tab: 'in_queue', limit: 500 })).rows.map((c) => c.id)

it('spreads the longest-waiting chats over the online agents up to their quotas, counts what is on its way, and leaves the rest waiting', async () => {
  // Seed 300 without the simulator: a still floor of 8 online agents with 30 free places in all, one chat waiting.
  const server = await startServer(cleanup, { seed: 300 })
  const witness = new Witness(() => server.url, server.credentials)
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const created: Conversation[] = []
  // The last one by a name no other chat's text holds, for a search that finds it alone.
  for (let i = 1; i <= 36; i++) created.push(await witness.newQueued(i === 36 ? 'Spread Quillfeather' : `Spread ${String(i).padStart(2, '0')}`))
  await expect.poll(async () => (await cached(core, created.at(-1)!.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')

  const floor = await witness.agents()
  const room = new Map(floor.filter((a) => a.role === 'agent' && a.presence === 'online').map((a) => [a.id, a.quota - a.load]))
  const totalRoom = [...room.values()].reduce((a, b) => a + b, 0)
  // One chat already on its way to the agent with the most room, held back by a server that fails every call.
  const busiest = [...room.entries()].sort((a, b) => b[1] - a[1])[0]![0]
  await witness.post('/demo/faults', { errorRate: 1 })
  const onItsWay = created[0]!
  const held = await assign(core, [onItsWay.id], busiest)
  expect(held.actions).toHaveLength(1)

  const waitingBefore = await queueIds(core)
  expect(waitingBefore).not.toContain(onItsWay.id)
  const first = await plan(core)
  expect(first.waiting).toBe(waitingBefore.length)
  expect(waitingBefore.length).toBeGreaterThan(totalRoom - 1)
  // All the room but the place already promised, longest waiting first, and nobody past their quota.
  expect(first.assignments).toHaveLength(totalRoom - 1)
  expect(first.assignments.map((a) => a.conversationId)).toEqual(waitingBefore.slice(0, totalRoom - 1))
  const given = new Map<number, number>()
  for (const a of first.assignments) given.set(a.agentId, (given.get(a.agentId) ?? 0) + 1)
  expect([...given.keys()].every((id) => room.has(id))).toBe(true)
  for (const [id, free] of room) expect(given.get(id) ?? 0).toBe(id === busiest ? free - 1 : free)
  const byId = new Map((await Promise.all(waitingBefore.map((id) => cached(core, id)))).map((c) => [c.id, c.customer.name]))
  expect(first.assignments.every((a) => a.customerName === byId.get(a.conversationId))).toBe(true)

  // A plan under a filter keeps to it.
  const narrow = await plan(core, { search: 'Quillfeather' })
  expect(narrow).toMatchObject({ waiting: 1, assignments: [{ conversationId: created.at(-1)!.id }] })

  await witness.post('/demo/faults', { errorRate: 0 })
  let workspaceEvents = 0
  core.on('workspace:changed', () => workspaceEvents++)
  const queued = await ipc<OutboxEnqueueResult>(core, 'outbox:spread', {
    assignments: first.assignments.map(({ conversationId, agentId }) => ({ conversationId, agentId })),
    dataset: await datasetSeen(core),
  })
  expect(queued.skipped).toEqual([])
  expect(queued.actions.map((a) => [a.conversationId, a.agentId])).toEqual(first.assignments.map((a) => [a.conversationId, a.agentId]))
  await waitDrained(core, 30_000)
  // The agents' new loads reach the cache, and the page is told to read them.
  await expect
    .poll(async () => (await ipc<Workspace>(core, 'workspace:get')).agents.filter((a) => room.has(a.id)).map((a) => a.quota - a.load), { timeout: 10_000 })
    .toEqual([...room.keys()].map(() => 0))
  expect(workspaceEvents).toBeGreaterThan(0)
  const actions = await outboxList(core)
  expect(actions.filter((a) => a.state !== 'done')).toEqual([])

  for (const a of first.assignments) expect(await witness.conversation(a.conversationId)).toMatchObject({ status: 'handled', agentId: a.agentId })
  const after = await witness.agents()
  for (const a of after.filter((x) => room.has(x.id))) expect(a.load).toBe(a.quota)
  const left = waitingBefore.slice(totalRoom - 1)
  for (const id of left) expect((await witness.conversation(id)).status).toBe('in_queue')
  // The floor is full: a new plan gives nothing, and still says who waits.
  await expect.poll(async () => (await plan(core)).assignments.length, { timeout: 10_000 }).toBe(0)
  await expect.poll(async () => (await plan(core)).waiting, { timeout: 10_000 }).toBe(left.length)
})

it('skips a planned chat that is no longer waiting when the plan is queued', async () => {
  const server = await startServer(cleanup, { seed: 300 })
  const witness = new Witness(() => server.url, server.credentials)
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const chat = await witness.newQueued('Taken Quillfeather')
  await expect.poll(async () => (await cached(core, chat.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
  const made = await plan(core, { search: 'Quillfeather' })
  expect(made.assignments).toHaveLength(1)
  // Meanwhile someone else takes it (here: the supervisor, through the outbox).
  const me = (await witness.agents()).find((a) => a.role === 'supervisor')!
  await assign(core, [chat.id], me.id)
  const queued = await ipc<OutboxEnqueueResult>(core, 'outbox:spread', {
    assignments: made.assignments.map(({ conversationId, agentId }) => ({ conversationId, agentId })),
    dataset: await datasetSeen(core),
  })
  // Named as the page shows it, so the notice can say whom.
  expect(queued).toEqual({ actions: [], skipped: [{ conversationId: chat.id, reason: 'not_in_queue', customerName: 'Taken Quillfeather' }] })
})

it('plans the picked chats that still wait, longest waiting first, whatever the page filters', async () => {
  const server = await startServer(cleanup, { seed: 300 })
  const witness = new Witness(() => server.url, server.credentials)
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const [first, taken, last] = [await witness.newQueued('Picked First'), await witness.newQueued('Picked Taken'), await witness.newQueued('Picked Last')]
  await expect.poll(async () => (await cached(core, last!.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
  const me = (await witness.agents()).find((a) => a.role === 'supervisor')!
  await assign(core, [taken!.id], me.id)

  const made = await ipc<SpreadPlan>(core, 'outbox:planSpread', { conversationIds: [last!.id, taken!.id, first!.id, last!.id] })
  expect(made.waiting).toBe(2)
  expect(made.assignments.map((a) => [a.conversationId, a.customerName])).toEqual([
    [first!.id, 'Picked First'],
    [last!.id, 'Picked Last'],
  ])
  // Not both at once.
  await expect(ipc(core, 'outbox:planSpread', { filters: {}, conversationIds: [first!.id] })).rejects.toThrow()
})

it('checks room again as a plan is queued: two plans shown before either was confirmed do not overshoot the floor', async () => {
  const server = await startServer(cleanup, { seed: 300 })
  const witness = new Witness(() => server.url, server.credentials)
  const { core } = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const made: Conversation[] = []
  for (let i = 0; i < 40; i++) made.push(await witness.newQueued(`Wave${i % 2 ? 'Odd' : 'Even'} Person${i}`))
  for (const c of made) await expect.poll(async () => (await cached(core, c.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
  // Two plans, each made for the room the floor has now, as two tabs would show them.
  const even = await plan(core, { search: 'WaveEven' })
  const odd = await plan(core, { search: 'WaveOdd' })
  const { agents, datasetId } = await ipc<Workspace>(core, 'workspace:get')
  const room = agents.filter((a) => a.role === 'agent' && a.presence === 'online').reduce((sum, a) => sum + Math.max(0, a.quota - a.load), 0)
  expect(even.assignments.length + odd.assignments.length, 'the two plans together ask more than the room').toBeGreaterThan(room)
  const strip = (p: SpreadPlan) => ({ assignments: p.assignments.map(({ conversationId, agentId }) => ({ conversationId, agentId })), dataset: datasetId })
  const first = await ipc<OutboxEnqueueResult>(core, 'outbox:spread', strip(even))
  const second = await ipc<OutboxEnqueueResult>(core, 'outbox:spread', strip(odd))
  // At most the room (the first plan's actions may already be applied while the second is queued).
  expect(first.actions.length + second.actions.length).toBeLessThanOrEqual(room)
  expect(second.skipped.length).toBeGreaterThan(0)
  expect(new Set(second.skipped.map((s) => s.reason))).toEqual(new Set(['no_room']))
  const names = new Map(made.map((c) => [c.id, c.customer.name]))
  for (const skip of second.skipped) expect(skip.customerName).toBe(names.get(skip.conversationId))
  await waitDrained(core)
  expect((await outboxList(core)).filter((a) => a.state === 'rejected')).toEqual([])
})
