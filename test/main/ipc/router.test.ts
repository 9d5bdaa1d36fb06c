import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cacheFile, createCore, type Core } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { upsertConversations } from '../../../electron/main/db/queries/conversations'
import { conversation } from '../support/domain'
import { offlineBackend } from '../support/offline-backend'

let dir: string
let core: Core
let states: { status: string; error: string | null }[]

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'observe-ipc-'))
  // A cache left by an earlier run: the core must answer from it with no server at all.
  const seed = openDatabase(cacheFile(dir))
  upsertConversations(seed, [
    conversation(1, { status: 'in_queue', queuedAt: 5000 }),
    conversation(2, { status: 'in_queue', queuedAt: 1000 }),
    conversation(3, { status: 'handled', agentId: 4, updatedAt: 9_000_000_000_000 }),
  ])
  seed.close()
  core = createCore({
    dataDir: dir,
    backend: { kind: 'custom', backend: offlineBackend() },
    sync: { backoff: { baseMs: 10_000, maxMs: 10_000 } },
  })
  states = []
  core.on('connection:changed', (s) => states.push(s))
  await core.start()
})

afterEach(async () => {
  await core.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('IPC router', () => {
  it('rejects an unknown channel, and keeps serving', async () => {
    expect(await core.handle('conversations:delete', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    expect(await core.handle(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    // In the contract, but the runtime's to answer, not the core's.
    expect(await core.handle('session:get', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    expect(await core.handle('conversations:counts', {})).toEqual({ ok: true, value: { all: 3, in_queue: 2, handled: 1 } })
  })

  it('rejects bad input with the path of each issue, and keeps serving', async () => {
    const bad = await core.handle('conversations:list', { tab: 'archive', limit: 0, filters: { channels: ['fax'] }, extra: 1 })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.error.code).toBe('invalid_input')
    const paths = bad.error.issues!.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['tab', 'limit', 'filters.channels.0']))
    // The message alone names the fields as well.
    expect(bad.error.message).toMatch(/^invalid input for conversations:list: tab: .+; limit: .+; and \d+ more$/)
    expect(await core.handle('conversations:get', { id: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await core.handle('conversations:list', { tab: 'in_queue', cursor: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    const good = await core.handle('conversations:list', { tab: 'in_queue' })
    expect(good).toMatchObject({ ok: true, value: { nextCursor: null } })
    if (good.ok) expect((good.value as { rows: { id: number }[] }).rows.map((r) => r.id)).toEqual([2, 1])
  })

  it('answers from the cache while offline, and says offline where the network is needed', async () => {
    await expect.poll(() => states.at(-1), { timeout: 5_000 }).toMatchObject({ status: 'offline', error: 'connect ECONNREFUSED' })
    await expect.poll(async () => ((await core.handle('connection:get', {})) as { value: { status: string } }).value.status).toBe('offline')
    expect(await core.handle('conversations:get', { id: 3 })).toMatchObject({
      ok: true,
      value: { conversation: { id: 3, status: 'handled' }, messages: [], messagesCached: false },
    })
    expect(await core.handle('conversations:get', { id: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await core.handle('conversations:loadMessages', { id: 3 })).toMatchObject({ ok: false, error: { code: 'offline' } })
    expect(await core.handle('workspace:get', {})).toEqual({ ok: true, value: { agents: [], labels: [], channels: [], me: null, datasetId: null } })
  })

  it('pages a tab with an opaque cursor that another tab refuses', async () => {
    const first = await core.handle('conversations:list', { tab: 'in_queue', limit: 1 })
    if (!first.ok) throw new Error(first.error.message)
    const { rows, nextCursor } = first.value as { rows: { id: number }[]; nextCursor: string }
    expect(rows.map((r) => r.id)).toEqual([2])
    expect(await core.handle('conversations:list', { tab: 'handled', cursor: nextCursor })).toMatchObject({ ok: false })
    const second = await core.handle('conversations:list', { tab: 'in_queue', limit: 1, cursor: nextCursor })
    expect(second).toMatchObject({ ok: true, value: { rows: [{ id: 1 }], nextCursor: null } })
  })
})

describe('a cache left by an older version', () => {
  it('is migrated when the core starts, and answered from', async () => {
    const older = mkdtempSync(join(tmpdir(), 'observe-ipc-'))
    const seed = openDatabase(cacheFile(older), MIGRATIONS.slice(0, -1))
    // Written in SQL, not by today's upsert, which may name columns the latest migration adds.
    seed.exec(`
      INSERT INTO customers (id, name, handle) VALUES (9, 'Siti Rahma', '@siti'), (10, 'Budi Santoso', '@budi');
      INSERT INTO conversations (id, ticket_no, customer_id, channel_id, channel, type, status, created_at, wait_since, updated_at, unread, version, customer_sort)
      VALUES (7, 107, 9, 1, 'whatsapp', 'inbox', 'in_queue', 1000, 1000, 1000, 0, 1, 'siti rahma'),
             (8, 108, 10, 1, 'whatsapp', 'inbox', 'in_queue', 2000, 2000, 2000, 0, 1, 'budi santoso')`)
    seed.close()
    const started = createCore({ dataDir: older, backend: { kind: 'custom', backend: offlineBackend() }, sync: { backoff: { baseMs: 10_000, maxMs: 10_000 } } })
    try {
      await started.start()
      const answer = await started.handle('conversations:list', { tab: 'all', sort: 'customer_asc' })
      expect(answer.ok && (answer.value as { rows: { id: number }[] }).rows.map((r) => r.id)).toEqual([8, 7])
      const check = openDatabase(cacheFile(older))
      expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version)
      check.close()
    } finally {
      await started.stop()
      rmSync(older, { recursive: true, force: true })
    }
  })
})
