/**
 * A long copy of Log History brings the newest hand-offs first: the first copy of a month and a
 * catch-up after long offline, against the reference server, through a SIGKILL and a restart.
 */
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { cacheFile } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import type { LogPage } from '../../../shared/ipc'
import { CORE_CHILD, exited, spawnChild } from '../support/child-process'
import { Cleanup, ipc, openCache, startCore, startServer, tempDir } from '../support/reference'
import { Witness } from '../outbox/support'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

const spawnCore = (args: string[]) => spawnChild(cleanup, CORE_CHILD, args)

interface LogState {
  ids: number[]
  after: number
  olderBefore: number | null
  olderFloor: number
}

/** The cache's log and its cursors, through a short-lived connection, as another process would see them. */
function peekLog(dataDir: string): LogState | null {
  let db
  try {
    db = openDatabase(cacheFile(dataDir))
  } catch {
    return null // the child may not have created the file yet
  }
  try {
    const state = db.prepare('SELECT log_after AS after, log_older_before AS olderBefore, log_older_floor AS olderFloor FROM sync_state WHERE id = 1').get() as
      | Omit<LogState, 'ids'>
      | undefined
    if (state === undefined) return null
    const ids = db.prepare('SELECT id FROM assignment_log ORDER BY id').pluck().all() as number[]
    return { ids, ...state }
  } catch {
    return null // not migrated yet
  } finally {
    db.close()
  }
}

/** Every id of the cache's log in one read of the core (pages of the largest size the contract allows). */
async function cachedIds(core: Parameters<typeof ipc>[0]): Promise<{ ids: number[]; copyingOlder: boolean }> {
  const ids: number[] = []
  let before: number | null = null
  let copyingOlder = false
  for (;;) {
    const page: LogPage = await ipc<LogPage>(core, 'log:list', { before, limit: 200 })
    ids.push(...page.entries.map((e) => e.id))
    copyingOlder = page.copyingOlder
    if (page.nextBefore === null) return { ids, copyingOlder }
    before = page.nextBefore
  }
}

it('copies a long log newest first: killed mid-way it holds the newest hand-offs without a hole, and after a restart the rest arrive, each once', async () => {
  // About 2,000 hand-offs over four weeks: eight pages or more.
  const server = await startServer(cleanup, { seed: 2000 })
  const witness = new Witness(() => server.url, server.credentials)
  const serverIds = (await witness.assignments()).map((r) => r.id)
  expect(serverIds.length).toBeGreaterThan(1500)
  const dataDir = join(tempDir(cleanup), 'client')

  // Long rests between pages, so the copy is caught half-way.
  const victim = spawnCore([dataDir, server.url, server.credentials.email, server.credentials.password, '500', '400'])
  let seen: LogState | null = null
  await expect
    .poll(
      () => {
        if (victim.exitCode !== null) throw new Error('the core exited on its own')
        seen = peekLog(dataDir)
        return seen !== null && seen.ids.length > 0
      },
      { timeout: 30_000, interval: 20 },
    )
    .toBe(true)
  victim.kill('SIGKILL')
  await exited(victim)

  const killed = peekLog(dataDir)!
  // The newest hand-offs came first: the server's newest page is all there, its oldest is not yet.
  expect(killed.ids.length).toBeLessThan(serverIds.length)
  expect(killed.ids.at(-1)).toBe(serverIds.at(-1))
  expect(killed.ids).toEqual(expect.arrayContaining(serverIds.slice(-250)))
  expect(killed.ids).not.toContain(serverIds[0])
  // What it holds is one run of the server's newest, down to where the older pages go on from: no hole.
  expect(killed.olderBefore).not.toBeNull()
  expect(killed.after).toBe(serverIds.at(-1))
  expect(killed.ids).toEqual(serverIds.filter((id) => id >= killed.olderBefore!))

  // Started again, it goes on from where it was killed, and says older ones are coming meanwhile.
  const { core } = await startCore(cleanup, server, dataDir, { sync: { logSpacingMs: 20, logCatchUpRestMs: 400 } })
  await expect.poll(async () => (await ipc<LogPage>(core, 'log:list', { limit: 1 })).copyingOlder, { timeout: 10_000 }).toBe(true)
  await expect.poll(async () => (await cachedIds(core)).copyingOlder, { timeout: 30_000, interval: 100 }).toBe(false)
  const done = await cachedIds(core)
  expect(done.ids).toEqual([...serverIds].reverse())
})

it('catches up newest first after long offline, down to what it held before, and ends where the window starts', async () => {
  const server = await startServer(cleanup, { seed: 2000 })
  const witness = new Witness(() => server.url, server.credentials)
  const records = await witness.assignments()
  const dataDir = join(tempDir(cleanup), 'client')
  // A window of two weeks: older hand-offs are not kept, and not read either.
  const retentionDays = 14
  const first = await startCore(cleanup, server, dataDir, { retentionDays, sync: { logSpacingMs: 20, logCatchUpRestMs: 0 } })
  const newest = records.at(-1)!.id
  await expect.poll(async () => (await cachedIds(first.core)), { timeout: 20_000 }).toMatchObject({ ids: expect.arrayContaining([newest]), copyingOlder: false })
  const windowStart = Date.now() - retentionDays * 86_400_000
  const kept = records.filter((r) => r.at >= windowStart + 60_000).map((r) => r.id)
  const copied = (await cachedIds(first.core)).ids
  expect(copied).toEqual(expect.arrayContaining(kept))
  expect(copied.length).toBeLessThan(records.length / 1.5)
  await first.core.stop()

  // As if it last ran before the newest 700 hand-offs (days of them, inside the window): what a catch-up after long offline brings.
  const missed = kept.slice(-700)
  expect(missed).toEqual(records.slice(-700).map((r) => r.id))
  const db = openCache(cleanup, dataDir)
  db.prepare('DELETE FROM assignment_log WHERE id >= ?').run(missed[0])
  db.prepare('UPDATE sync_state SET log_after = ? WHERE id = 1').run(missed[0]! - 1)

  const { core } = await startCore(cleanup, server, dataDir, { retentionDays, sync: { logSpacingMs: 20, logCatchUpRestMs: 400 } })
  // The newest first, while those in between are still on their way.
  await expect.poll(async () => (await cachedIds(core)).ids.slice(0, 250), { timeout: 10_000 }).toEqual(missed.slice(-250).reverse())
  expect((await cachedIds(core)).copyingOlder).toBe(true)
  expect((await cachedIds(core)).ids).not.toContain(missed[0])
  await expect.poll(async () => (await cachedIds(core)).copyingOlder, { timeout: 30_000, interval: 100 }).toBe(false)
  expect((await cachedIds(core)).ids).toEqual(copied.filter((id) => id < missed[0]!).concat(missed).sort((a, b) => b - a))
})
