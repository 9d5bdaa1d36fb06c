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
