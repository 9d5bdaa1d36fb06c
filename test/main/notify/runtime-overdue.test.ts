/**
 * The queue a supervisor finds on opening the app is often long past the waiting threshold. The
 * running app says so in one notice, not in one per chat (a wall of toasts, or of desktop
 * notifications), against a real reference server and cache.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRuntime, type Runtime } from '../../../electron/main/runtime'
import type { ConversationPage } from '../../../shared/ipc'
import type { QueueNotice } from '../../../shared/ipc/queue-notices'

let runtime: Runtime
let dataDir: string
const batches: QueueNotice[][] = []

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'observe-overdue-'))
  runtime = await startRuntime({ config: { kind: 'embedded' }, dataDir, reference: { seed: 3000, sim: false }, overdueEveryMs: 300 })
  runtime.on('queue:notices', (list) => batches.push(list))
})

afterAll(async () => {
  await runtime?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a backlog already waiting too long', () => {
  it('is announced in one notice that names the longest waiting', async () => {
    await expect.poll(() => batches.length, { timeout: 30_000 }).toBeGreaterThan(0)
    const [first] = batches
    expect(first).toHaveLength(1)
    const notice = first![0]!
    expect(notice.kind).toBe('many_waiting_too_long')
    if (notice.kind !== 'many_waiting_too_long') return

    const queue = await runtime.core.handle('conversations:list', { tab: 'in_queue', limit: 500 })
    if (!queue.ok) throw new Error(queue.error.message)
    const rows = (queue.value as ConversationPage).rows
    expect(notice.minutes).toBe(5)
    expect(notice.count).toBeGreaterThan(3)
    expect(notice.count).toBeLessThanOrEqual(rows.length)
    // The five named are the longest waiting of the queue.
    const longest = [...rows].sort((a, b) => a.queuedAt! - b.queuedAt!).slice(0, 5).map((c) => c.id)
    expect(notice.chats.map((c) => c.id)).toEqual(longest)
  })
})
