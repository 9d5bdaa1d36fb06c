/**
 * A long thread: the detail holds its newest messages and says where older ones are, and the
 * supervisor reads back through the cache, then the server, to the first message. Before, a thread
 * was fetched up to its newest 2,000 messages without a word about the rest, and read whole from
 * the cache at every change (seconds at thousands of messages).
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/main/core'
import { THREAD_WINDOW, type ConversationDetail, type ConversationPage } from '../../../shared/ipc'
import { Witness } from '../outbox/support'
import { Cleanup, connectionStatus, ipc, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

/** Every message id of a thread as the server holds it, oldest first. */
async function serverThread(witness: Witness, id: number): Promise<number[]> {
  const ids: number[] = []
  let before: number | null = null
  do {
    const page: { items: { id: number }[]; nextBefore: number | null } = await witness.get(
      `/conversations/${id}/messages?limit=200${before === null ? '' : `&before=${before}`}`,
    )
    ids.push(...page.items.map((m) => m.id))
    before = page.nextBefore
  } while (before !== null)
  return ids.reverse()
}

/** A core online on a small reference server, and the first conversation it lists. */
async function openFirstChat(): Promise<{ core: Core; witness: Witness; id: number }> {
  const server = await startServer(cleanup, { seed: 40 })
  const witness = new Witness(() => server.url, server.credentials)
  const core = createCore({ dataDir: join(tempDir(cleanup), 'client'), backend: { kind: 'reference', baseUrl: server.url, ...server.credentials } })
  await core.start()
  cleanup.add(() => core.stop())
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  const { id } = (await ipc<ConversationPage>(core, 'conversations:list', { tab: 'all', limit: 1 })).rows[0]!
  return { core, witness, id }
}

it('holds the newest messages of a long thread and reads back through the cache, then the server, to the first', async () => {
  const { core, witness, id } = await openFirstChat()
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Masih menunggu', count: 2400 })).status).toBe(201)
  const all = await serverThread(witness, id)
  expect(all.length).toBeGreaterThan(2400)

  // Opened: the newest messages only, newest last, and more of them in the cache.
  const opened = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })
  expect(opened.messages.map((m) => m.id)).toEqual(all.slice(-THREAD_WINDOW))
  expect(opened.messages.at(-1)!.text).toBe('Masih menunggu (2400/2400)')
  expect(opened.earlierMessages).toBe('cached')

  // Back through all the cache holds: the rest is on the server.
  const cached = await ipc<ConversationDetail>(core, 'conversations:get', { id, newest: 5000 })
  expect(cached.messages.length).toBeLessThan(all.length)
  expect(cached.messages.map((m) => m.id)).toEqual(all.slice(-cached.messages.length))
  expect(cached.earlierMessages).toBe('server')

  // And from the server, two pages at a time (a press of Show earlier messages waits for those
  // only), to the first message: nothing missing, nothing twice.
  const further = await ipc<ConversationDetail>(core, 'conversations:loadEarlierMessages', { id, newest: 5000 })
  expect(further.messages.map((m) => m.id)).toEqual(all.slice(-(cached.messages.length + 400)))
  expect(further.earlierMessages).toBe('server')
  const whole = await ipc<ConversationDetail>(core, 'conversations:loadEarlierMessages', { id, newest: 5000 })
  expect(whole.messages.map((m) => m.id)).toEqual(all)
  expect(whole.earlierMessages).toBe('none')
  expect((await ipc<ConversationDetail>(core, 'conversations:get', { id, newest: 5000 })).earlierMessages).toBe('none')
}, 60_000)

it('holds a short thread whole and says nothing is earlier', async () => {
  const { core, witness, id } = await openFirstChat()
  const opened = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })
  expect(opened.messages.map((m) => m.id)).toEqual(await serverThread(witness, id))
  expect(opened.earlierMessages).toBe('none')
})

it('holds the thread back to the newest message a search finds, when that is older than the newest window', async () => {
  const { core, witness, id } = await openFirstChat()
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Nomor resi saya ZX-zebracode-77' })).status).toBe(201)
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Masih menunggu', count: 400 })).status).toBe(201)
  await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })
  const found = await ipc<ConversationDetail>(core, 'conversations:get', { id, reach: 'Zebracode' })
  const at = found.messages.findIndex((m) => m.text.includes('zebracode'))
  expect(at).toBeGreaterThanOrEqual(0)
  // With what followed it, and a little before it.
  expect(found.messages.length - at).toBeGreaterThan(400)
  // A search no message holds changes nothing.
  expect((await ipc<ConversationDetail>(core, 'conversations:get', { id, reach: 'tidakada' })).messages).toHaveLength(THREAD_WINDOW)
})

it('keeps the oldest message shown in the window as new ones arrive', async () => {
  const { core, witness, id } = await openFirstChat()
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Masih menunggu', count: 300 })).status).toBe(201)
  const shown = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })
  const oldest = shown.messages[0]!.id
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Halo?', count: 5 })).status).toBe(201)
  // Once the cache has the five new ones, a read that keeps the oldest shown holds 205.
  await expect
    .poll(async () => (await ipc<ConversationDetail>(core, 'conversations:get', { id, keepFrom: oldest })).messages.map((m) => m.id), { timeout: 10_000 })
    .toHaveLength(THREAD_WINDOW + 5)
  const kept = await ipc<ConversationDetail>(core, 'conversations:get', { id, keepFrom: oldest })
  expect(kept.messages[0]!.id).toBe(oldest)
  expect(kept.messages.at(-1)!.text).toBe('Halo? (5/5)')
})


it('brings only what is newer than the messages the page holds, and the whole window when those changed', async () => {
  const { core, witness, id } = await openFirstChat()
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Masih menunggu', count: 600 })).status).toBe(201)
  const loaded = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })
  const read = await ipc<ConversationDetail>(core, 'conversations:get', { id, newest: 500 })
  const first = read.messages[0]!.id
  const held = { after: read.messages.at(-1)!.id, held: read.messages.length }
  expect(loaded.messages.length).toBe(THREAD_WINDOW)
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Halo?', count: 2 })).status).toBe(201)
  await expect
    .poll(async () => (await ipc<ConversationDetail>(core, 'conversations:get', { id, newest: 500, keepFrom: first, held })).messages.map((m) => m.text), { timeout: 10_000 })
    .toEqual(['Halo? (1/2)', 'Halo? (2/2)'])
  const newer = await ipc<ConversationDetail>(core, 'conversations:get', { id, newest: 500, keepFrom: first, held })
  expect(newer.after).toBe(held.after)
  expect(newer.earlierMessages).toBe('cached')
  // Holding one message fewer than the thread has between them: the whole window instead.
  const whole = await ipc<ConversationDetail>(core, 'conversations:get', { id, newest: 500, keepFrom: first, held: { ...held, held: held.held - 1 } })
  expect(whole.after).toBeUndefined()
  expect(whole.messages[0]!.id).toBe(first)
  expect(whole.messages).toHaveLength(502)
})

it('reads back a page at a time before the oldest message shown, from the cache and then the server, to the first', async () => {
  const { core, witness, id } = await openFirstChat()
  expect((await witness.post(`/demo/conversations/${id}/messages`, { text: 'Masih menunggu', count: 2400 })).status).toBe(201)
  const all = await serverThread(witness, id)
  const opened = await ipc<ConversationDetail>(core, 'conversations:loadMessages', { id })
  const shown = [...opened.messages]
  let earlier = opened.earlierMessages
  const channels: string[] = []
  while (earlier !== 'none') {
    const before = shown[0]!.id
    const channel = earlier === 'server' ? 'conversations:loadEarlierMessages' : 'conversations:get'
    const page = await ipc<ConversationDetail>(core, channel, { id, before })
    channels.push(channel)
    // Only the page older than the oldest shown: none of what is shown again, however far back.
    expect(page.before).toBe(before)
    expect(page.messages.length).toBeLessThanOrEqual(THREAD_WINDOW)
    expect(page.messages.map((m) => m.id)).toEqual(all.slice(Math.max(0, all.length - shown.length - THREAD_WINDOW), all.length - shown.length))
    shown.unshift(...page.messages)
    earlier = page.earlierMessages
  }
  // Nothing missing, nothing twice; the cache ran out on the way and the server had the rest, two
  // pages at a time: the press after one that asked the server reads the cache.
  expect(shown.map((m) => m.id)).toEqual(all)
  const cachePresses = (2000 - THREAD_WINDOW) / THREAD_WINDOW
  expect(channels).toEqual([...Array<string>(cachePresses).fill('conversations:get'), 'conversations:loadEarlierMessages', 'conversations:get', 'conversations:loadEarlierMessages'])

  // Read on its own, and only before a message of this thread.
  expect(await core.handle('conversations:get', { id, before: all[5], held: { after: all.at(-1), held: 10 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  expect(await core.handle('conversations:get', { id, before: 999_999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } })
}, 60_000)
