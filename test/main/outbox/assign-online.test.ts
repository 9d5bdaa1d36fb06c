import { afterEach, describe, expect, it } from 'vitest'
import type { Agent } from '../../../shared/domain'
import type { IpcEventPayload, OutboxAction } from '../../../shared/ipc'
import { Cleanup, connectionStatus, startCore, startServer, tempDir, type ReferenceServer } from '../support/reference'
import { assign, cached, FAST_OUTBOX, outboxList, transfer, waitCacheEqualsServer, waitDrained, Witness } from './support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

async function setup(seed = 300) {
  const server = await startServer(cleanup, { seed })
  const witness = new Witness(() => server.url, server.credentials)
  const handle = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX })
  await expect.poll(() => connectionStatus(handle.core), { timeout: 20_000 }).toBe('online')
  const events: IpcEventPayload<'outbox:changed'>[] = []
  handle.core.on('outbox:changed', (e) => events.push(e))
  return { server, witness, core: handle.core, dataDir: handle.dataDir, events }
}

const settled = async (core: Awaited<ReturnType<typeof setup>>['core'], id: number): Promise<OutboxAction> => {
  let found: OutboxAction | undefined
  await expect
    .poll(async () => {
      found = (await outboxList(core)).find((a) => a.id === id)
      return found?.state
    }, { timeout: 20_000, interval: 50 })
    .toMatch(/done|rejected/)
  return found!
}

const onlineWithRoom = (agents: Agent[]): Agent[] => agents.filter((a) => a.role === 'agent' && a.presence === 'online' && a.load < a.quota)

describe('the outbox against the reference server, online', () => {
  it('assigns to me: the row changes at once, marked pending, then settles equal to the server', async () => {
    const { witness, core, events } = await setup()
    const chat = await witness.newQueued('Sari Online')
    await expect.poll(async () => (await cached(core, chat.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
    const me = (await witness.agents()).find((a) => a.role === 'supervisor')!

    const { actions, skipped } = await assign(core, [chat.id], me.id)
    expect(skipped).toEqual([])
    expect(actions).toHaveLength(1)
    expect(actions[0]).toMatchObject({ kind: 'assign', conversationId: chat.id, agentId: me.id, customerName: 'Sari Online' })
    // Optimistic: answered from the cache before anything reached the server.
    const shown = await cached(core, chat.id)
    expect(shown).toMatchObject({ status: 'handled', agentId: me.id })

    const done = await settled(core, actions[0]!.id)
    expect(done.state).toBe('done')
    await waitCacheEqualsServer(core, witness, [chat.id])
    expect((await witness.conversation(chat.id)).agentId).toBe(me.id)
    const log = (await witness.assignments()).filter((r) => r.conversationId === chat.id)
    expect(log).toMatchObject([{ action: 'assign', toAgentId: me.id, byAgentId: me.id }])
    expect(events.flatMap((e) => e.actions).filter((a) => a.id === actions[0]!.id).map((a) => a.state)).toContain('done')
  })

  it('transfers a handled chat to another agent', async () => {
    const { witness, core } = await setup()
    const chat = await witness.newQueued('Budi Transfer')
    await expect.poll(async () => (await cached(core, chat.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
    const [first, second] = onlineWithRoom(await witness.agents())
    await assign(core, [chat.id], first!.id)
    const { actions } = await transfer(core, chat.id, second!.id)
    expect(await cached(core, chat.id)).toMatchObject({ status: 'handled', agentId: second!.id })
    await waitDrained(core).catch(async (e) => {
      console.log(JSON.stringify(await outboxList(core), null, 1))
      throw e
    })
    expect((await outboxList(core)).find((a) => a.id === actions[0]!.id)?.state).toBe('done')
    await waitCacheEqualsServer(core, witness, [chat.id])
    const log = (await witness.assignments()).filter((r) => r.conversationId === chat.id)
    expect(log.map((r) => [r.action, r.toAgentId])).toEqual([
      ['assign', first!.id],
      ['transfer', second!.id],
    ])
  })

  it('rejects quota, offline agent, unknown agent and unknown conversation with clear reasons; the rest of the queue goes through', async () => {
    const { witness, core } = await setup()
    const agents = await witness.agents()
    const full = agents.find((a) => a.role === 'agent' && a.presence === 'online')!
    // Fill the agent up to quota through the server, so this core's quota check is the server's.
    const fillers: number[] = []
    for (let i = full.load; i < full.quota; i++) fillers.push((await witness.newQueued(`Filler ${i}`)).id)
    for (const [i, id] of fillers.entries()) {
      const res = await witness.post(`/conversations/${id}/assign`, { agentId: full.id }, { 'Idempotency-Key': `fill-${i}` })
      expect(res.status).toBe(200)
    }
    const offline = agents.find((a) => a.presence === 'offline')!
    const good = onlineWithRoom(agents).filter((a) => a.id !== full.id)
    const chats = []
    for (const name of ['Good One', 'Over Quota', 'Good Two', 'Offline Agent', 'Unknown Agent', 'Good Three']) chats.push(await witness.newQueued(name))
    for (const c of chats) await expect.poll(async () => (await cached(core, c.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
    await expect.poll(async () => (await witness.agents()).find((a) => a.id === full.id)?.load).toBe(full.quota)
    // The cached agent row must know the agent is full, for the reason text.
    await expect.poll(async () => (await core.handle('workspace:get', {})).ok).toBe(true)

    const ids: number[] = []
    ids.push(...(await assign(core, [chats[0]!.id], good[0]!.id)).actions.map((a) => a.id))
    ids.push(...(await assign(core, [chats[1]!.id], full.id)).actions.map((a) => a.id))
    ids.push(...(await assign(core, [chats[2]!.id], good[1]!.id)).actions.map((a) => a.id))
    ids.push(...(await assign(core, [chats[3]!.id], offline.id, true)).actions.map((a) => a.id))
    ids.push(...(await assign(core, [chats[4]!.id], 9999)).actions.map((a) => a.id))
    ids.push(...(await assign(core, [chats[5]!.id], good[0]!.id)).actions.map((a) => a.id))
    const notCached = await assign(core, [987654], good[0]!.id)
    expect(notCached).toEqual({ actions: [], skipped: [{ conversationId: 987654, reason: 'not_found', customerName: null }] })
    expect(ids).toHaveLength(6)

    const outcomes = await Promise.all(ids.map((id) => settled(core, id)))
    expect(outcomes.map((a) => a.state)).toEqual(['done', 'rejected', 'done', 'rejected', 'rejected', 'done'])
    expect(outcomes[1]!.rejection).toMatchObject({ code: 'over_quota', agent: { agentId: full.id, name: full.name, quota: full.quota } })
    expect(outcomes[3]!.rejection).toMatchObject({ code: 'agent_offline', agent: { agentId: offline.id, name: offline.name } })
    expect(outcomes[4]!.rejection).toMatchObject({ code: 'unknown_agent', agent: null })
    for (const o of outcomes) if (o.rejection) expect(o.rejection.message.length).toBeGreaterThan(0)
    // Rejected rows went back to the queue; the others sit with their agents, as on the server.
    for (const i of [1, 3, 4]) expect(await cached(core, chats[i]!.id)).toMatchObject({ status: 'in_queue', agentId: null })
    await waitCacheEqualsServer(core, witness, chats.map((c) => c.id))

    // Malformed input never reaches the queue.
    const bad = await core.handle('outbox:assign', { conversationIds: ['x'], agentId: -1 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const unknownChannel = await core.handle('outbox:assign', { conversationIds: [], agentId: 1 })
    expect(unknownChannel).toMatchObject({ ok: false, error: { code: 'invalid_input' } })

    // A rejection stays listed until dismissed.
    const dismissed = await core.handle('outbox:dismiss', { id: ids[1] })
    expect(dismissed).toMatchObject({ ok: true, value: { dismissed: true } })
    expect((await outboxList(core)).some((a) => a.id === ids[1])).toBe(false)
  })

  it('an agent signed in cannot assign to others: forbidden, rolled back', async () => {
    const server = await startServer(cleanup, { seed: 300 })
    const witness = new Witness(() => server.url, server.credentials)
    const agents = await witness.agents()
    const asAgent = agents.find((a) => a.role === 'agent' && a.presence === 'online')!
    const other = onlineWithRoom(agents).find((a) => a.id !== asAgent.id)!
    const chat = await witness.newQueued('Role Check')
    const agentServer: Pick<ReferenceServer, 'url' | 'credentials'> = { url: server.url, credentials: { email: asAgent.email, password: server.credentials.password } }
    const { core } = await startCore(cleanup, agentServer, tempDir(cleanup), { outbox: FAST_OUTBOX })
    await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
    await expect.poll(async () => (await cached(core, chat.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
    const { actions } = await assign(core, [chat.id], other.id)
    await expect.poll(async () => (await outboxList(core)).find((a) => a.id === actions[0]!.id)?.rejection?.code, { timeout: 20_000 }).toBe('forbidden')
    await waitCacheEqualsServer(core, witness, [chat.id])
    expect((await cached(core, chat.id)).status).toBe('in_queue')
  })

  it('two consoles assign the same chat at once: one wins, the other learns who has it and rolls back', async () => {
    const server = await startServer(cleanup, { seed: 300 })
    const witness = new Witness(() => server.url, server.credentials)
    const a = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX })
    const b = await startCore(cleanup, server, tempDir(cleanup), { outbox: FAST_OUTBOX })
    const chat = await witness.newQueued('Contested Chat')
    for (const h of [a, b]) await expect.poll(async () => (await cached(h.core, chat.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
    const [x, y] = onlineWithRoom(await witness.agents())
    const [ra, rb] = await Promise.all([assign(a.core, [chat.id], x!.id), assign(b.core, [chat.id], y!.id)])
    const [oa, ob] = await Promise.all([settled(a.core, ra.actions[0]!.id), settled(b.core, rb.actions[0]!.id)])
    expect([oa.state, ob.state].sort()).toEqual(['done', 'rejected'])
    const [winner, loser, loserCore] = oa.state === 'done' ? [oa, ob, b.core] : [ob, oa, a.core]
    const winnerAgent = winner.agentId === x!.id ? x! : y!
    expect(loser.rejection).toMatchObject({ code: 'conflict', handledBy: { agentId: winnerAgent.id, name: winnerAgent.name } })
    expect(await cached(loserCore, chat.id)).toMatchObject({ status: 'handled', agentId: winnerAgent.id })
    await waitCacheEqualsServer(a.core, witness, [chat.id])
    await waitCacheEqualsServer(b.core, witness, [chat.id])
    expect((await witness.assignments()).filter((r) => r.conversationId === chat.id)).toHaveLength(1)
  })

  it('an assign the server applied but answered unreadably settles as done, on the conversation as the server holds it', async () => {
    const { witness, core } = await setup()
    const chat = await witness.newQueued('Sari Garbled')
    await expect.poll(async () => (await cached(core, chat.id).catch(() => null))?.status, { timeout: 10_000 }).toBe('in_queue')
    const [agent] = onlineWithRoom(await witness.agents())
    // Every conversation record the server sends malformed, the assign's answer included; one read alone is whole.
    await witness.post('/demo/faults', { malformedRate: 1 })
    const { actions } = await assign(core, [chat.id], agent!.id)
    const outcome = await settled(core, actions[0]!.id)
    expect(outcome).toMatchObject({ state: 'done', rejection: null })
    expect(await witness.conversation(chat.id)).toMatchObject({ status: 'handled', agentId: agent!.id })
    expect(await cached(core, chat.id)).toMatchObject({ status: 'handled', agentId: agent!.id })
  })
})
