/**
 * The runtime against a real reference server: the bootstrap is learned silently, a chat that
 * arrives afterwards is announced once, and the tray follows the queue.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRuntime, type Runtime } from '../../../electron/main/runtime'
import { DESKTOP_TEXTS, trayTooltip } from '../../../electron/main/notify/desktop-texts'
import { TRAY_CHATS, type TrayState } from '../../../electron/main/notify/tray-state'
import type { QueueNotice } from '../../../shared/ipc/queue-notices'
import { createDemoConversation, signIn } from '../../e2e/support/reference'
import { waitFor } from '../../server/helpers'

let runtime: Runtime
let dataDir: string
let token: string
const notices: QueueNotice[] = []
let tray: TrayState | null = null

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'observe-runtime-'))
  // Chats that waited too long are announced on a 15 s timer; a slow machine (CI, several test
  // files at once) reached it mid-test and those notices counted as arrivals. They have tests of
  // their own, so here the timer never fires.
  runtime = await startRuntime({ config: { kind: 'embedded' }, dataDir, reference: { seed: 400, sim: false }, overdueEveryMs: 3_600_000 })
  runtime.on('queue:notices', (list) => notices.push(...list))
  runtime.onTray((state) => (tray = state))
  const server = runtime.embedded!
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  await waitFor(async () => {
    const state = await runtime.core.handle('connection:get', {})
    return state.ok && (state.value as { status: string }).status === 'online'
  }, 30_000, 'the core to be online')
})

afterAll(async () => {
  await runtime?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('queue notices from the running app', () => {
  it('says nothing about the chats the bootstrap loaded, yet shows them in the tray', async () => {
    const counts = await runtime.core.handle('conversations:counts', {})
    const inQueue = counts.ok ? (counts.value as { in_queue: number }).in_queue : -1
    await expect.poll(() => tray?.inQueue, { timeout: 10_000 }).toBe(inQueue)
    expect(notices).toEqual([])
  })

  it('announces a chat that arrives afterwards, once, with its customer and text', async () => {
    const before = tray?.inQueue ?? 0
    const created = await createDemoConversation(runtime.server.url, token, {
      customerName: 'Putri Notifikasi',
      text: 'Halo, pesanan saya belum sampai',
      channel: 'whatsapp',
    })
    await expect.poll(() => notices.length, { timeout: 15_000 }).toBe(1)
    expect(notices[0]).toMatchObject({
      kind: 'new_chat',
      chat: { id: created.id, customerName: 'Putri Notifikasi', channel: 'whatsapp', text: 'Halo, pesanan saya belum sampai' },
    })
    await expect.poll(() => tray?.inQueue, { timeout: 10_000 }).toBe(before + 1)
    // The menu lists who has waited longest, in the In Queue tab's order; in this short queue the
    // newcomer is there, last.
    const queue = await runtime.core.handle('conversations:list', { tab: 'in_queue', limit: TRAY_CHATS })
    const oldest = queue.ok ? (queue.value as { rows: { id: number }[] }).rows.map((row) => row.id) : []
    expect(before + 1).toBeLessThanOrEqual(TRAY_CHATS)
    expect(tray?.longestWaiting.map((chat) => chat.id)).toEqual(oldest)
    expect(oldest.at(-1)).toBe(created.id)
    expect(trayTooltip(tray!, DESKTOP_TEXTS.en)).toBe(`Observe — ${before + 1} chats waiting`)
    expect(trayTooltip(tray!, DESKTOP_TEXTS.id)).toBe(`Observe — ${before + 1} chat menunggu`)
  })

  it('stays silent while paused', async () => {
    runtime.planner.pause(60_000)
    const before = tray?.inQueue ?? 0
    await createDemoConversation(runtime.server.url, token, { customerName: 'Sepi Sekali', text: 'tes' })
    await expect.poll(() => tray?.inQueue, { timeout: 10_000 }).toBe(before + 1)
    expect(tray?.paused).toBe(true)
    expect(notices).toHaveLength(1)
    runtime.planner.pause(0)
  })
})
