/**
 * The waiting-too-long alerts a page cut off from Observe missed, read back once it is back
 * (queue:missed), against a real reference server and cache: each chat that passed the threshold
 * meanwhile and still waits, as a long wait with how long it has waited at the read; not one
 * assigned since, nothing the page heard live, nothing while notices are paused or the alert off.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startRuntime, type Runtime } from '../../../electron/main/runtime'
import { settingsFile } from '../../../electron/main/settings/settings-store'
import type { IpcChannelName, IpcInput, IpcOutput } from '../../../shared/ipc/contract'
import { askRuntime } from '../support/runtime-ask'
import type { QueueNotice } from '../../../shared/ipc/queue-notices'
import { DEFAULT_SETTINGS } from '../../../shared/ipc/settings'
import { waitFor } from '../../server/helpers'

let runtime: Runtime
let dataDir: string
const notices: QueueNotice[] = []

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'observe-runtime-missed-long-'))
  // The seed's queue holds a few dozen chats, most waiting for minutes: with the alert off at the
  // start, turning it on is what makes them pass the threshold, at once and without waiting.
  const alertOff = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, waitingTooLongMinutes: 0 } }
  writeFileSync(settingsFile(dataDir), JSON.stringify(alertOff))
  runtime = await startRuntime({ config: { kind: 'embedded' }, dataDir, reference: { seed: 3000, sim: false }, overdueEveryMs: 200 })
  runtime.on('queue:notices', (list) => notices.push(...list))
  await waitFor(async () => (await ask('connection:get', {})).status === 'online', 30_000, 'the core to be online')
})

afterAll(async () => {
  await runtime?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const ask = <C extends IpcChannelName>(channel: C, input: IpcInput<C>): Promise<IpcOutput<C>> => askRuntime(runtime, channel, input)

it('reads back the chats that passed the long-wait threshold after a number, as long waits timed at the read, not one assigned since', async () => {
  const { last: heard } = await ask('queue:missed', { after: null })
  await ask('settings:update', { notifications: { waitingTooLongMinutes: 1 } })
  await expect.poll(() => notices.some((notice) => notice.kind === 'many_waiting_too_long'), { timeout: 15_000 }).toBe(true)
  const alert = notices.find((notice) => notice.kind === 'many_waiting_too_long')!
  if (alert.kind !== 'many_waiting_too_long' || !alert.told) throw new Error('the long-wait alert carries no numbers')
  // Every chat the alert counts has a number of its own, the five it names too.
  expect(alert.told).toEqual({ first: heard + 1, last: heard + alert.count })

  const assigned = alert.chats[0]!
  const workspace = await ask('workspace:get', {})
  const agent = workspace.agents.find((a) => a.role === 'agent' && a.presence === 'online' && a.load < a.quota - 1)!
  const { actions } = await ask('outbox:assign', { conversationIds: [assigned.id], agentId: agent.id, dataset: workspace.datasetId })
  await expect.poll(async () => (await ask('outbox:list', {})).actions.find((action) => action.id === actions[0]!.id)?.state, { timeout: 20_000 }).toBe('done')

  const before = Date.now()
  const missed = await ask('queue:missed', { after: heard })
  const after = Date.now()
  expect(missed.last).toBe(alert.told.last)
  expect(missed.more).toBe(false)
  expect(missed.chats).toHaveLength(alert.count - 1)
  expect(missed.chats.map((entry) => entry.chat.id)).not.toContain(assigned.id)
  for (const entry of missed.chats) {
    // Timed by the core's clock at the read (the embedded server's is this machine's).
    expect(entry.waitedMs).toBeGreaterThanOrEqual(Math.max(60_000, before - entry.chat.queuedAt - 1))
    expect(entry.waitedMs).toBeLessThanOrEqual(after - entry.chat.queuedAt + 1)
  }
  // Heard live (asked after the alert's last number), nothing.
  expect((await ask('queue:missed', { after: alert.told.last })).chats).toEqual([])
})

it('reads back no long wait while notifications are paused: what the supervisor silenced stays silent', async () => {
  const heard = notices.find((notice) => notice.kind === 'many_waiting_too_long')!.told!.first - 1
  runtime.planner.pause(60_000)
  try {
    expect((await ask('queue:missed', { after: heard })).chats).toEqual([])
  } finally {
    runtime.planner.pause(0)
  }
  expect((await ask('queue:missed', { after: heard })).chats.length).toBeGreaterThan(0)
})

it('reads back no long wait once the supervisor has turned the alert off', async () => {
  const heard = notices.find((notice) => notice.kind === 'many_waiting_too_long')!.told!.first - 1
  await ask('settings:update', { notifications: { waitingTooLongMinutes: 0 } })
  expect((await ask('queue:missed', { after: heard })).chats).toEqual([])
})
