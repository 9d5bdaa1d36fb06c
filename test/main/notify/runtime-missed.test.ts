/**
 * What a page cut off from Observe reads back once it is back (queue:missed), against a real
 * reference server: the chats told as new after the last number it heard that still wait, with
 * the numbers their notices carried; not one assigned meanwhile, and none while notices are paused.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { NEW_CHAT_COOL_DOWN_MS } from '../../../electron/main/notify/planner'
import { startRuntime, type Runtime } from '../../../electron/main/runtime'
import type { IpcChannelName, IpcInput, IpcOutput } from '../../../shared/ipc/contract'
import { askRuntime } from '../support/runtime-ask'
import type { QueueNotice } from '../../../shared/ipc/queue-notices'
import { createDemoConversation, signIn } from '../../e2e/support/reference'
import { waitFor } from '../../server/helpers'

let runtime: Runtime
let dataDir: string
let token: string
const notices: QueueNotice[] = []

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'observe-runtime-missed-'))
  // No waiting-too-long notices mid-test: only new chats are numbered.
  runtime = await startRuntime({ config: { kind: 'embedded' }, dataDir, reference: { seed: 410, sim: false }, overdueEveryMs: 3_600_000 })
  runtime.on('queue:notices', (list) => notices.push(...list))
  const server = runtime.embedded!
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  await waitFor(async () => (await ask('connection:get', {})).status === 'online', 30_000, 'the core to be online')
})

afterAll(async () => {
  await runtime?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const ask = <C extends IpcChannelName>(channel: C, input: IpcInput<C>): Promise<IpcOutput<C>> => askRuntime(runtime, channel, input)

/** Whether Observe has told of a chat as new. */
const toldOf = (id: number): boolean => notices.some((notice) => notice.kind === 'new_chat' && notice.chat.id === id)

/**
 * A new chat, once Observe has told of it: its id and the number its notice carried. One coming
 * within the cool-down after the notice before is told when that ends.
 */
async function toldChat(customerName: string): Promise<{ id: number; told: number }> {
  const chat = await createDemoConversation(runtime.server.url, token, { customerName, text: 'Halo' })
  await expect.poll(() => toldOf(chat.id), { timeout: NEW_CHAT_COOL_DOWN_MS + 15_000 }).toBe(true)
  const notice = notices.find((n) => n.kind === 'new_chat' && n.chat.id === chat.id)!
  if (notice.kind !== 'new_chat' || !notice.told) throw new Error(`the notice of ${customerName} carries no number`)
  expect(notice.told.first).toBe(notice.told.last)
  return { id: chat.id, told: notice.told.last }
}

it('answers only where the numbering stands when asked after no number', async () => {
  const first = await toldChat('Awal Ani')
  expect(await ask('queue:missed', { after: null })).toEqual({ last: first.told, chats: [], more: false })
})

it('reads back the chats told after a number that still wait, with their numbers, not one assigned since', async () => {
  const { last: heard } = await ask('queue:missed', { after: null })
  const waiting = await toldChat('Tunggu Tari')
  const assigned = await toldChat('Ambil Ardi')
  const later = await toldChat('Tunggu Tono')
  expect([waiting.told, assigned.told, later.told]).toEqual([heard + 1, heard + 2, heard + 3])

  const workspace = await ask('workspace:get', {})
  const agent = workspace.agents.find((a) => a.role === 'agent' && a.presence === 'online' && a.load < a.quota - 1)!
  const { actions } = await ask('outbox:assign', { conversationIds: [assigned.id], agentId: agent.id, dataset: workspace.datasetId })
  await expect.poll(async () => (await ask('outbox:list', {})).actions.find((action) => action.id === actions[0]!.id)?.state, { timeout: 20_000 }).toBe('done')

  const missed = await ask('queue:missed', { after: heard })
  expect(missed.last).toBe(later.told)
  expect(missed.more).toBe(false)
  expect(missed.chats.map((entry) => [entry.told, entry.chat.customerName])).toEqual([
    [waiting.told, 'Tunggu Tari'],
    [later.told, 'Tunggu Tono'],
  ])
  // Asked after the last one heard, nothing.
  expect((await ask('queue:missed', { after: later.told })).chats).toEqual([])
  // Three chats told a cool-down apart, each after the notice before.
}, 3 * NEW_CHAT_COOL_DOWN_MS + 60_000)

it('reads back nothing while notifications are paused: what the supervisor silenced stays silent', async () => {
  const { last: heard } = await ask('queue:missed', { after: null })
  await toldChat('Diam Dina')
  runtime.planner.pause(60_000)
  try {
    const missed = await ask('queue:missed', { after: heard })
    expect(missed.chats).toEqual([])
  } finally {
    runtime.planner.pause(0)
  }
  expect((await ask('queue:missed', { after: heard })).chats.map((entry) => entry.chat.customerName)).toEqual(['Diam Dina'])
})

it('reads back a chat gathered in the cool-down after a notice only once the cool-down has ended and told it', async () => {
  const { last: heard } = await ask('queue:missed', { after: null })
  const first = await toldChat('Segera Sari')
  const gathered = await createDemoConversation(runtime.server.url, token, { customerName: 'Kumpul Kiki', text: 'Halo' })
  const inQueue = async (): Promise<boolean> => (await ask('conversations:list', { tab: 'in_queue', limit: 500 })).rows.some((c) => c.id === gathered.id)
  await expect.poll(inQueue, { timeout: 10_000 }).toBe(true)
  // Gathered, not told: a page cut off now has missed nothing of it.
  await expect.poll(() => runtime.planner.gatheredDueAt(), { timeout: 10_000 }).not.toBeNull()
  expect(toldOf(gathered.id)).toBe(false)
  expect((await ask('queue:missed', { after: heard })).chats.map((entry) => entry.chat.customerName)).toEqual(['Segera Sari'])

  await expect.poll(() => toldOf(gathered.id), { timeout: NEW_CHAT_COOL_DOWN_MS + 15_000 }).toBe(true)
  const missed = await ask('queue:missed', { after: heard })
  expect(missed.chats.map((entry) => [entry.told, entry.chat.customerName])).toEqual([
    [first.told, 'Segera Sari'],
    [first.told + 1, 'Kumpul Kiki'],
  ])
})
