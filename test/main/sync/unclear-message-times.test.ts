/**
 * Message times the server sends that cannot be right: a channel whose clock says 2099, or 0 (1970).
 * A thread keeps such a message where the server received it, not at its bottom or top for good,
 * with what the channel sent beside it, its pages stable; a wait does not start in 1970. Against the
 * real reference server over HTTP, its store written with such messages before it starts.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startReferenceServer } from '../../../server/index'
import type { CachedConversation, CachedMessage, ConversationDetail } from '../../../shared/ipc'
import { Api, Cleanup, connectionStatus, ipc, startCore, startServer, tempDir, type CoreHandle, type ReferenceServer } from '../support/reference'

const FUTURE = Date.UTC(2099, 0, 1, 9, 0)
const MINUTE = 60_000
const cleanup = new Cleanup()
afterAll(() => cleanup.run())

let server: ReferenceServer
let handle: CoreHandle
/** The server's ids of the chats whose threads are written here. */
const ids = { mixed: 0, live: 0, waiting: 0, newestUnclear: 0, onlyUnclear: 0 }

type Line = { from: 'customer' | 'agent'; text: string; at: number }

beforeAll(async () => {
  const dir = tempDir(cleanup, 'observe-unclear-message-times-')
  const dbFile = join(dir, 'server.sqlite')
  await (await startReferenceServer({ port: 0, seed: 300, sim: false, dbFile })).close()
  const db = new Database(dbFile)
  const nth = (status: string, n: number) => db.prepare('SELECT id FROM conversations WHERE status = ? ORDER BY id LIMIT 1 OFFSET ?').pluck().get(status, n) as number
  const start = Date.now() - 60 * MINUTE
  /** The chat's thread is these lines, numbered by the server in this order; the chat ends on `last`. */
  const thread = (id: number, lines: Line[], last: Line) => {
    const agent = db.prepare('SELECT agent_id FROM conversations WHERE id = ?').pluck().get(id) as number
    db.prepare('DELETE FROM messages WHERE conversation_id = ?').run(id)
    const add = db.prepare(`INSERT INTO messages (conversation_id, direction, sender_kind, sender_name, sender_agent_id, text, attachments, created_at)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`)
    for (const line of lines) {
      const customer = line.from === 'customer'
      add.run(id, customer ? 'in' : 'out', line.from, customer ? 'Pelanggan' : 'Agen', customer ? null : agent, line.text, line.at)
    }
    db.prepare(`UPDATE conversations SET created_at = ?, updated_at = ?, last_text = ?, last_at = ?, last_direction = ?, thread_ready = 1 WHERE id = ?`).run(
      start,
      Math.max(start, Math.min(last.at, Date.now())),
      last.text,
      last.at,
      last.from === 'customer' ? 'in' : 'out',
      id,
    )
  }
  ids.mixed = nth('handled', 0)
  const mixed: Line[] = [
    { from: 'customer', text: 'satu (1970)', at: 0 },
    { from: 'agent', text: 'dua', at: start + MINUTE },
    { from: 'customer', text: 'tiga (2099)', at: FUTURE },
    { from: 'agent', text: 'empat', at: start + 3 * MINUTE },
    { from: 'customer', text: 'lima (1970)', at: 0 },
    { from: 'agent', text: 'enam', at: start + 5 * MINUTE },
  ]
  thread(ids.mixed, mixed, mixed.at(-1)!)
  // Its chat's last message "from 2099": every message the customer writes next comes at that time.
  ids.live = nth('handled', 1)
  thread(ids.live, [{ from: 'customer', text: 'halo', at: start }, { from: 'agent', text: 'ya', at: start + MINUTE }], { from: 'agent', text: 'ya', at: FUTURE })
  // The customer's first message since the answer says 1970: their wait cannot have begun then.
  ids.waiting = nth('handled', 2)
  const waiting: Line[] = [
    { from: 'agent', text: 'ada lagi?', at: start },
    { from: 'customer', text: 'ya (1970)', at: 0 },
    { from: 'customer', text: 'tolong', at: start + 10 * MINUTE },
  ]
  thread(ids.waiting, waiting, waiting.at(-1)!)
  // The customer's newest message says 1970, after one of theirs that is clear: the wait began at that one.
  ids.newestUnclear = nth('handled', 3)
  const newestUnclear: Line[] = [
    { from: 'agent', text: 'ada lagi?', at: start },
    { from: 'customer', text: 'tolong', at: start + 10 * MINUTE },
    { from: 'customer', text: 'halo? (1970)', at: 0 },
  ]
  thread(ids.newestUnclear, newestUnclear, newestUnclear.at(-1)!)
  // The customer's only message since the answer says 1970: nothing tells when it came but its place.
  ids.onlyUnclear = nth('handled', 4)
  const onlyUnclear: Line[] = [
    { from: 'agent', text: 'ada lagi?', at: start + 20 * MINUTE },
    { from: 'customer', text: 'ya (1970)', at: 0 },
  ]
  thread(ids.onlyUnclear, onlyUnclear, onlyUnclear.at(-1)!)
  db.close()

  server = await startServer(cleanup, { dbFile })
  handle = await startCore(cleanup, server, join(dir, 'client'))
  await vi.waitFor(async () => expect(await connectionStatus(handle.core)).toBe('online'), { timeout: 20_000, interval: 50 })
})

const texts = (messages: readonly CachedMessage[]) => messages.map((m) => m.text)
const load = (id: number) => ipc<ConversationDetail>(handle.core, 'conversations:loadMessages', { id })
const get = (input: { id: number } & Record<string, unknown>) => ipc<ConversationDetail>(handle.core, 'conversations:get', input)
const messageLines = () => handle.logs.filter((line) => line.level === 'warn' && /^message \d+ of conversation \d+: its time cannot be right/.test(line.message))

describe('a message time that cannot be right', () => {
  it('keeps the message where the server received it in its thread, with what the channel sent beside it', async () => {
    const { messages } = await load(ids.mixed)
    expect(texts(messages)).toEqual(['satu (1970)', 'dua', 'tiga (2099)', 'empat', 'lima (1970)', 'enam'])
    const sent = Object.fromEntries(messages.map((m) => [m.text, m.unclearAt]))
    expect(sent).toEqual({ 'satu (1970)': 0, dua: undefined, 'tiga (2099)': FUTURE, empat: undefined, 'lima (1970)': 0, enam: undefined })
    // Placed by the message before it, or, the thread's first, by the one after it.
    const at = Object.fromEntries(messages.map((m) => [m.text, m.createdAt]))
    expect(at['tiga (2099)']).toBe(at.dua)
    expect(at['lima (1970)']).toBe(at.empat)
    expect(at['satu (1970)']).toBe(at.dua)
  })

  it('has a later reply come below it, and pages the thread back without a message lost or repeated', async () => {
    await new Api(server).write(ids.mixed, 'tujuh')
    await expect.poll(async () => texts((await get({ id: ids.mixed })).messages).at(-1), { timeout: 10_000 }).toBe('tujuh')
    const whole = (await get({ id: ids.mixed })).messages
    expect(texts(whole)).toEqual(['satu (1970)', 'dua', 'tiga (2099)', 'empat', 'lima (1970)', 'enam', 'tujuh'])
    // Two at a time from the newest, each page older than the oldest shown.
    let shown = (await get({ id: ids.mixed, newest: 2 })).messages
    for (let page = 0; page < 5 && shown.length < whole.length; page++) {
      const older = await get({ id: ids.mixed, newest: 2, before: shown[0]!.id })
      shown = [...older.messages, ...shown]
    }
    expect(texts(shown)).toEqual(texts(whole))
    // Held from its first to its newest, only a newer message comes.
    const kept = { keepFrom: whole[0]!.id, held: { after: whole.at(-1)!.id, held: whole.length } }
    await new Api(server).write(ids.mixed, 'delapan')
    await expect.poll(async () => texts((await get({ id: ids.mixed, ...kept })).messages), { timeout: 10_000 }).toEqual(['delapan'])
  })

  it('keeps its place when the thread is read again, and is logged once', async () => {
    const before = (await get({ id: ids.mixed })).messages
    const again = (await load(ids.mixed)).messages
    expect(again.map((m) => [m.id, m.createdAt])).toEqual(before.map((m) => [m.id, m.createdAt]))
    const lines = messageLines().filter((line) => line.message.endsWith(`conversation ${ids.mixed}: its time cannot be right; kept in the order the server received it`))
    expect(lines).toHaveLength(3)
  })

  it('puts a live message from a channel whose clock says 2099 after the one before it, and the next after that', async () => {
    expect(texts((await load(ids.live)).messages)).toEqual(['halo', 'ya'])
    const api = new Api(server)
    await api.write(ids.live, 'masih di sini')
    await expect.poll(async () => (await get({ id: ids.live })).messages.length, { timeout: 10_000 }).toBe(3)
    await api.write(ids.live, 'halo lagi')
    await expect.poll(async () => (await get({ id: ids.live })).messages.length, { timeout: 10_000 }).toBe(4)
    const { messages } = await get({ id: ids.live })
    expect(texts(messages)).toEqual(['halo', 'ya', 'masih di sini', 'halo lagi'])
    expect(messages.map((m) => m.unclearAt)).toEqual([undefined, undefined, FUTURE, FUTURE])
    for (const m of messages) expect(m.createdAt).toBeLessThan(Date.now())
  })

  it('does not start a wait for a reply in 1970', async () => {
    await load(ids.waiting)
    const cached = async () => (await get({ id: ids.waiting })).conversation as CachedConversation
    await expect.poll(async () => (await cached()).awaitingEstimated, { timeout: 10_000 }).toBeUndefined()
    const conversation = await cached()
    // From the customer's next message, the least they can have waited: the chat's last.
    expect(conversation.awaitingSince ?? conversation.lastMessage!.at).toBe(conversation.lastMessage!.at)
  })
  it('settles the wait when the customer’s newest message is the one whose time says 1970', async () => {
    const cached = async (id: number) => (await get({ id })).conversation as CachedConversation
    await load(ids.newestUnclear)
    await expect.poll(async () => (await cached(ids.newestUnclear)).awaitingEstimated, { timeout: 10_000 }).toBeUndefined()
    // From their clear message before it: the wait's start.
    const tolong = (await get({ id: ids.newestUnclear })).messages.find((m) => m.text === 'tolong')!
    expect((await cached(ids.newestUnclear)).awaitingSince).toBe(tolong.createdAt)

    await load(ids.onlyUnclear)
    await expect.poll(async () => (await cached(ids.onlyUnclear)).awaitingEstimated, { timeout: 10_000 }).toBeUndefined()
    // Nothing after it: from when Observe first saw it, the least they can have waited, after the answer.
    const only = await cached(ids.onlyUnclear)
    expect(only.unclearTimes).toEqual({ lastMessageAt: 0 })
    expect(only.awaitingSince ?? only.lastMessage!.at).toBe(only.lastMessage!.at)
    const answer = (await get({ id: ids.onlyUnclear })).messages.find((m) => m.text === 'ada lagi?')!
    expect(only.lastMessage!.at).toBeGreaterThan(answer.createdAt)
  })
})
