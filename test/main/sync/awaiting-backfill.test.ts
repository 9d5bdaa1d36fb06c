/**
 * Since when a customer waits for an answer, where the cache did not see every change: a bootstrap
 * (or a cache from before 0190) sees only each conversation's last message, and a record skipped as
 * malformed is fetched again in its newest version only. The clock then started at the customer's
 * last message, days late at times. The core looks the first unanswered message up in the thread.
 */
import type { ServerResponse } from 'node:http'
import { afterEach, expect, it } from 'vitest'
import type { Core } from '../../../electron/main/core'
import { Conversation, Message } from '../../../shared/domain'
import type { ConversationDetail } from '../../../shared/ipc'
import { Witness } from '../outbox/support'
import { conversation, message } from '../support/domain'
import { json, startFixtureApi } from '../support/fixture-server'
import { Cleanup, connectionStatus, ipc, startCore, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

/** Lookups as fast as the test wants them; failures retried after a short backoff. */
const FAST = { awaiting: { spacingMs: 0, retry: { baseMs: 200, maxMs: 400 }, pause: { baseMs: 200, maxMs: 400 } } }

const detail = (core: Core, id: number): Promise<ConversationDetail> => ipc<ConversationDetail>(core, 'conversations:get', { id })

/** The wait the row shows: its own start when it has one, else its last message's. */
async function shownWait(core: Core, id: number): Promise<{ since: number | undefined; estimated: boolean }> {
  const { conversation: c } = await detail(core, id)
  return { since: c.awaitingSince ?? c.lastMessage?.at, estimated: c.awaitingEstimated === true }
}

/** The customer writes now (demo route); answers the message's time. */
async function customerWrites(witness: Witness, id: number, text: string): Promise<number> {
  const { status, json: body } = await witness.post(`/demo/conversations/${id}/messages`, { text })
  expect(status).toBe(201)
  const at = Message.parse(body).createdAt
  // Each message of the test at a time of its own: the next one cannot share this millisecond.
  await expect.poll(() => Date.now()).toBeGreaterThan(at)
  return at
}

/** Every conversation the server holds open, as it holds it. */
async function openConversations(witness: Witness): Promise<Conversation[]> {
  const page = await witness.get<{ items: unknown[] }>('/conversations?limit=1000&resolvedSince=0')
  return page.items.map((item) => Conversation.parse(item)).filter((c) => c.status !== 'resolved')
}

it('counts a wait first seen in a bootstrap from the customer’s first message after the last answer, read from the thread', async () => {
  const server = await startServer(cleanup, { seed: 400 })
  const witness = new Witness(() => server.url, server.credentials)
  const open = await openConversations(witness)
  // An agent answered last; the customer then wrote twice. And one whose customer was waiting already, and wrote again.
  const answered = open.find((c) => c.status === 'handled' && c.lastMessage?.direction === 'out')!
  const waiting = open.find((c) => c.status === 'handled' && c.lastMessage?.direction === 'in')!
  const firstAfterAnswer = await customerWrites(witness, answered.id, 'Halo, masih ada?')
  await customerWrites(witness, answered.id, 'Tolong dibalas')
  await customerWrites(witness, waiting.id, 'Halo??')

  const { core } = await startCore(cleanup, server, tempDir(cleanup), { sync: FAST })
  await expect.poll(() => shownWait(core, answered.id), { timeout: 20_000 }).toEqual({ since: firstAfterAnswer, estimated: false })
  await expect.poll(() => shownWait(core, waiting.id), { timeout: 20_000 }).toEqual({ since: waiting.lastMessage!.at, estimated: false })
  // Looked up without caching the threads (opened, they are read whole), and the sync went on.
  expect((await detail(core, answered.id)).messagesCached).toBe(false)
  expect(await connectionStatus(core)).toBe('online')
}, 40_000)

it('counts the wait of a conversation fetched again alone after a malformed change from the customer’s first unanswered message', async () => {
  const server = await startServer(cleanup, { seed: 400 })
  const witness = new Witness(() => server.url, server.credentials)
  const answered = (await openConversations(witness)).find((c) => c.status === 'handled' && c.lastMessage?.direction === 'out')!
  const dataDir = tempDir(cleanup)
  const first = await startCore(cleanup, server, dataDir, { sync: FAST })
  await expect.poll(() => connectionStatus(first.core), { timeout: 20_000 }).toBe('online')
  // Answered: nobody waits, and the next customer message will be seen as the wait's start.
  const before = (await detail(first.core, answered.id)).conversation
  expect(before.lastMessage?.direction).toBe('out')
  expect(before.awaitingEstimated).toBeUndefined()
  await first.core.stop()

  // While Observe is closed the customer writes twice; back, every conversation change it reads
  // is malformed, so it fetches the conversation again and sees only the second message.
  const firstUnanswered = await customerWrites(witness, answered.id, 'Halo, masih ada?')
  await customerWrites(witness, answered.id, 'Tolong dibalas')
  expect((await witness.post('/demo/faults', { malformedRate: 1 })).status).toBe(200)
  const { core, logs } = await startCore(cleanup, server, dataDir, { sync: FAST })
  await expect.poll(() => shownWait(core, answered.id), { timeout: 20_000 }).toEqual({ since: firstUnanswered, estimated: false })
  expect(logs.map((l) => l.message)).toContain('skipped a malformed conversation change')
}, 40_000)

/** A thread as the fixture server answers it (newest first), and the time its customer first wrote after the answer. */
function thread(id: number, lastAt: number): { items: Message[]; since: number } {
  const at = (back: number): number => lastAt - back
  const agent = { kind: 'agent' as const, name: 'Spv', agentId: 1 }
  const system = { kind: 'system' as const, name: 'System', agentId: null }
  const oldestFirst = [
    message(id * 100 + 1, id, { createdAt: at(400) }),
    message(id * 100 + 2, id, { direction: 'out', sender: agent, createdAt: at(300) }),
    message(id * 100 + 3, id, { createdAt: at(200) }),
    // A hand-off's note answers nobody.
    message(id * 100 + 4, id, { direction: 'out', sender: system, createdAt: at(100) }),
    message(id * 100 + 5, id, { createdAt: at(0) }),
  ]
  return { items: oldestFirst.reverse(), since: at(200) }
}

const handled = (id: number, lastAt: number): Conversation =>
  conversation(id, { status: 'handled', agentId: 1, lastAgentId: 1, lastMessage: { text: 'halo', at: lastAt, direction: 'in' } })

/** A fixture API whose open conversations all wait on their customer; `messages` answers each thread's requests. */
async function fixture(conversations: Conversation[], messages: (id: number, res: ServerResponse) => void): Promise<string> {
  const routes: Parameters<typeof startFixtureApi>[0] = {
    'GET /api/v1/conversations': (_req, res) => json(res, { items: conversations, nextAfter: null }),
    'GET /api/v1/stream': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' }).write(': connected\n\n')
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 100)
      res.on('close', () => clearInterval(heartbeat))
    },
  }
  for (const c of conversations) routes[`GET /api/v1/conversations/${c.id}/messages`] = (_req, res) => messages(c.id, res)
  const server = await startFixtureApi(routes)
  cleanup.add(() => server.close())
  return server.url
}

it('tries a lookup that failed (malformed thread, gone, server error) again after a backoff, never at once, and the sync stays live', async () => {
  const T = 1_700_000_100_000
  const conversations = [handled(1, T), handled(2, T + 1000), handled(3, T - 1000)]
  const asked: { id: number; at: number }[] = []
  const answers: Record<number, ((res: ServerResponse) => void)[]> = {
    1: [
      (res) => json(res, { items: [{ id: 'not a message' }], nextBefore: null }),
      (res) => json(res, { items: [{ ...thread(1, T).items[0], direction: 'sideways' }, ...thread(1, T).items.slice(1)], nextBefore: null }),
    ],
    2: [(res) => json(res, { error: { code: 'not_found', message: 'Conversation 2' } }, 404)],
    3: [(res) => json(res, { error: { code: 'unavailable', message: 'busy' } }, 503)],
  }
  const url = await fixture(conversations, (id, res) => {
    asked.push({ id, at: performance.now() })
    const answer = answers[id]!.shift() ?? ((r: ServerResponse) => json(r, { items: thread(id, conversations[id - 1]!.lastMessage!.at).items, nextBefore: null }))
    answer(res)
  })
  const statuses: string[] = []
  const { core } = await startCore(cleanup, { url, credentials: { email: 'spv@example.com', password: 'x' } }, tempDir(cleanup), { sync: FAST })
  core.on('connection:changed', (state) => statuses.push(state.status))
  await expect.poll(() => connectionStatus(core), { timeout: 10_000 }).toBe('online')
  for (const c of conversations) {
    await expect.poll(() => shownWait(core, c.id), { timeout: 10_000 }).toEqual({ since: thread(c.id, c.lastMessage!.at).since, estimated: false })
  }

  // Each conversation asked once per failure and once more, each time after a backoff (at least
  // half its base, 100 ms): never again at once, not six times in a row as a sync request is.
  const of = (id: number): number[] => asked.filter((a) => a.id === id).map((a) => a.at)
  expect([of(1).length, of(2).length, of(3).length]).toEqual([3, 2, 2])
  for (const id of [1, 2, 3]) {
    const times = of(id)
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100)
  }
  expect(statuses).not.toContain('offline')
  expect(await connectionStatus(core)).toBe('online')
}, 30_000)

it('settles the wait from a thread the supervisor opens, with no lookup of its own', async () => {
  const T = 1_700_000_100_000
  // The first is the most urgent (longest shown wait): the backfill takes it, then rests a minute.
  const conversations = [handled(1, T), handled(2, T + 1000)]
  const asked: number[] = []
  const url = await fixture(conversations, (id, res) => {
    asked.push(id)
    json(res, { items: thread(id, conversations[id - 1]!.lastMessage!.at).items, nextBefore: null })
  })
  const { core } = await startCore(cleanup, { url, credentials: { email: 'spv@example.com', password: 'x' } }, tempDir(cleanup), {
    sync: { awaiting: { spacingMs: 60_000 } },
  })
  await expect.poll(() => shownWait(core, 1), { timeout: 10_000 }).toEqual({ since: thread(1, T).since, estimated: false })
  expect(await shownWait(core, 2)).toEqual({ since: T + 1000, estimated: true })

  const opened = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id: 2 })
  expect(opened.conversation.awaitingSince).toBe(thread(2, T + 1000).since)
  expect(opened.conversation.awaitingEstimated).toBeUndefined()
  expect(asked).toEqual([1, 2])
}, 30_000)
