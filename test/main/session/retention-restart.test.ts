/**
 * A new retention window, set while signed in, restarts the core on the same cache (the sync
 * window is fixed for a core's life). When the cache cannot be opened again, the page is told the
 * session ended, rather than left calling a core that is gone.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { cacheFile } from '../../../electron/main/core'
import { startRuntime, type Runtime } from '../../../electron/main/runtime'
import { profileDir } from '../../../electron/main/session/profile'
import { MemorySecretStore } from '../../../electron/main/session/secret-store'
import { runtimeOnline } from '../support/runtime-ask'
import { startReferenceServer, type ReferenceServer } from '../../../server/index'
import { DEMO_PASSWORD, SUPERVISOR_EMAIL } from '../../../server/workspace-data'
import type { SessionState } from '../../../shared/ipc/settings'

let dir: string
let server: ReferenceServer
let runtime: Runtime
const told: SessionState[] = []

const online = (): Promise<void> => runtimeOnline(runtime)

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'observe-retention-restart-'))
  server = await startReferenceServer({ port: 0, seed: 60, sim: false, dbFile: join(dir, 'server.sqlite') })
  runtime = await startRuntime({ config: { kind: 'sign-in', url: server.url, email: null }, dataDir: join(dir, 'app'), secrets: new MemorySecretStore() })
  runtime.on('session:changed', (state) => told.push(state))
  expect(await runtime.handle('session:signIn', { kind: 'server', server: server.url, email: SUPERVISOR_EMAIL, password: DEMO_PASSWORD })).toMatchObject({ ok: true })
})

afterAll(async () => {
  await runtime?.stop()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

it('restarts the core with the new window, still signed in and online', async () => {
  await online()
  const before = runtime.core
  expect(await runtime.handle('settings:update', { retentionDays: 45 })).toMatchObject({ ok: true })
  await expect.poll(() => runtime.session().status === 'signed_in' && runtime.core !== before, { timeout: 20_000 }).toBe(true)
  await online()
  expect(told.map((state) => state.status)).not.toContain('signed_out')
})

it('tells the page the session ended when the cache cannot be opened again', async () => {
  // Where the cache was, a folder: the core's file is moved away while it is open (it keeps
  // working on it), so only opening it again fails.
  const file = cacheFile(profileDir(join(dir, 'app'), server.url, SUPERVISOR_EMAIL))
  renameSync(file, `${file}.moved`)
  mkdirSync(file)
  expect(await runtime.handle('settings:update', { retentionDays: 20 })).toMatchObject({ ok: true })
  await expect.poll(() => told.at(-1)?.status, { timeout: 20_000 }).toBe('signed_out')
  expect(runtime.session().status).toBe('signed_out')
  expect(await runtime.handle('conversations:counts', { filters: {} })).toMatchObject({ ok: false })
})
