import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Change, ChangesPage, WorkspaceResponse, type ConversationsPage } from '../../shared/api'
import { Conversation } from '../../shared/domain'
import { startReferenceServer } from '../../server/index'
import { connect, startClient, waitFor, type Client } from './helpers'

describe('the traffic simulator', () => {
  let client: Client
  const dir = mkdtempSync(join(tmpdir(), 'observe-sim-'))
  const dbFile = join(dir, 'reference.db')
  beforeAll(async () => {
    client = await startClient({ seed: 200, sim: true, rate: 1200, dbFile })
  })
  afterAll(async () => {
    await client.server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('brings in chats, lets agents pick them up and resolve them, all through the change feed', async () => {
    const seen: Change[] = []
    let after = 0
    const has = (test: (change: Change) => boolean): boolean => seen.some(test)
    await waitFor(
      async () => {
        const page = ChangesPage.parse((await client.get(`/changes?after=${after}`)).body)
        seen.push(...page.changes.map((change) => Change.parse(change)))
        after = page.lastSeq
        return (
          has((c) => c.entity === 'conversation' && c.data.status === 'in_queue' && c.data.version === 1) &&
          has((c) => c.entity === 'conversation' && c.data.status === 'handled' && c.data.queuedAt !== null) &&
          has((c) => c.entity === 'conversation' && c.data.status === 'resolved' && c.data.lastAgentId !== null) &&
          has((c) => c.entity === 'message' && c.data.sender.kind === 'agent') &&
          has((c) => c.entity === 'agent')
        )
      },
      20_000,
      'arrivals, pick-ups, replies and resolves',
    )
    const seqs = seen.map((c) => c.seq)
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))
    const resolved = seen.find((c) => c.entity === 'conversation' && c.data.status === 'resolved')
    expect(resolved?.entity === 'conversation' && resolved.data.agentId).toBe(null)
  })

  it('leaves agent loads equal to the handled conversations they hold', async () => {
    await waitFor(async () => ChangesPage.parse((await client.get('/changes?after=0')).body).lastSeq > 100, 20_000, 'a busy floor')
    await client.server.close()
    const quiet = await connect(await startReferenceServer({ dbFile, sim: false }))
    try {
      const workspace = WorkspaceResponse.parse((await quiet.get('/workspace')).body)
      const handled = new Map<number, number>()
      let cursor = 0
      for (;;) {
        const page = (await quiet.get<ConversationsPage>(`/conversations?status=handled&limit=1000&after=${cursor}`)).body
        for (const item of page.items.map((c) => Conversation.parse(c))) handled.set(item.agentId!, (handled.get(item.agentId!) ?? 0) + 1)
        if (page.nextAfter === null) break
        cursor = page.nextAfter
      }
      for (const agent of workspace.agents) expect(agent.load).toBe(handled.get(agent.id) ?? 0)
    } finally {
      await quiet.server.close()
    }
  })
})

describe("the traffic simulator's choice of handled chats", () => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-sim-pick-'))
  const dbFile = join(dir, 'reference.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('resolves the handled chats of weeks ago no sooner than those of the last hours', async () => {
    // The floor as seeded, before any traffic: about a third of the handled chats are long-running
    // ones started in the past weeks, the rest are from the last two hours.
    const still = await connect(await startReferenceServer({ dbFile, seed: 3000, sim: false }))
    const startedAt = new Map<number, number>()
    try {
      let cursor = 0
      for (;;) {
        const page = (await still.get<ConversationsPage>(`/conversations?status=handled&limit=1000&after=${cursor}`)).body
        for (const item of page.items.map((c) => Conversation.parse(c))) startedAt.set(item.id, item.createdAt)
        if (page.nextAfter === null) break
        cursor = page.nextAfter
      }
    } finally {
      await still.server.close()
    }
    const weeksAgo = (id: number): boolean => startedAt.get(id)! < Date.now() - 3 * 3_600_000
    const seededWeeksAgo = [...startedAt.keys()].filter(weeksAgo).length
    expect(seededWeeksAgo).toBeGreaterThan(20)
    expect(startedAt.size - seededWeeksAgo).toBeGreaterThan(40)

    // Which of those the traffic resolves first. A fair pick takes the old in their share (about 15
    // of 40); picking the first handled chat after a random id took nearly every old one first.
    const live = await connect(await startReferenceServer({ dbFile, sim: true, rate: 1200 }))
    try {
      const resolvedFirst = new Set<number>()
      let after = 0
      await waitFor(
        async () => {
          const page = ChangesPage.parse((await live.get(`/changes?after=${after}`)).body)
          after = page.lastSeq
          for (const change of page.changes.map((c) => Change.parse(c))) {
            if (change.entity === 'conversation' && change.data.status === 'resolved' && startedAt.has(change.data.id) && resolvedFirst.size < 40) {
              resolvedFirst.add(change.data.id)
            }
          }
          return resolvedFirst.size >= 40
        },
        20_000,
        '40 of the seeded handled chats resolved',
      )
      expect([...resolvedFirst].filter(weeksAgo).length).toBeLessThan(25)
    } finally {
      await live.server.close()
    }
  })
})
