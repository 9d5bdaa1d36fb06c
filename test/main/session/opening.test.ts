/**
 * The runtime's first session opens behind it (openRuntime), so the desktop window can show at
 * once: until then the session says `starting`, and `session:changed` says when it is open. Against
 * a real reference server, with real cache files: one left by an older version (migrated while the
 * session says starting) and one written by a newer version (the start fails, as it must).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cacheFile } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { openRuntime, startRuntime } from '../../../electron/main/runtime'
import { profileDir, serverKey } from '../../../electron/main/session/profile'
import { startReferenceServer, type ReferenceServer } from '../../../server/index'
import { DEMO_PASSWORD, SUPERVISOR_EMAIL } from '../../../server/workspace-data'
import type { SessionState } from '../../../shared/ipc/settings'

let dir: string
let server: ReferenceServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'observe-opening-'))
  server = await startReferenceServer({ port: 0, seed: 120, sim: false, dbFile: join(dir, 'server.sqlite') })
})

afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A data folder whose supervisor cache is already there, made by `make` on the cache file. */
function dataDirWithCache(name: string, make: (file: string) => void): string {
  const dataDir = join(dir, name)
  const file = cacheFile(profileDir(dataDir, serverKey(server.url), SUPERVISOR_EMAIL))
  mkdirSync(dirname(file), { recursive: true })
  make(file)
  return dataDir
}

const remote = () => ({ kind: 'remote' as const, server: { url: server.url, email: SUPERVISOR_EMAIL, password: DEMO_PASSWORD } })

describe('opening the first session', () => {
  it('says starting while a cache from an older version migrates, then that the session is open', async () => {
    const dataDir = dataDirWithCache('older', (file) => openDatabase(file, MIGRATIONS.slice(0, -1)).close())
    const { runtime, ready } = openRuntime({ config: remote(), dataDir })
    const changes: SessionState[] = []
    runtime.on('session:changed', (state) => changes.push(state))
    try {
      expect(runtime.session().status).toBe('starting')
      // What the page asks first is answered at once, not after the migration.
      expect(await runtime.handle('session:get', {})).toMatchObject({ ok: true, value: { status: 'starting', profile: null } })
      // Settings are there from the first moment: the window is placed and sized from them.
      expect(runtime.settings.get().retentionDays).toBeGreaterThan(0)

      await ready
      expect(runtime.session()).toMatchObject({ status: 'signed_in', email: SUPERVISOR_EMAIL })
      expect(changes.at(-1)).toMatchObject({ status: 'signed_in', profile: expect.any(String) })
      const counts = await runtime.handle('conversations:counts', { filters: {} })
      expect(counts.ok).toBe(true)
      const check = openDatabase(cacheFile(profileDir(dataDir, serverKey(server.url), SUPERVISOR_EMAIL)))
      expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version)
      check.close()
    } finally {
      await runtime.stop()
    }
  })

  it('fails to start on a cache written by a newer version, and says nobody is signed in', async () => {
    const dataDir = dataDirWithCache('newer', (file) => {
      const db = openDatabase(file)
      db.pragma(`user_version = ${MIGRATIONS.at(-1)!.version + 1000}`)
      db.close()
    })
    const { runtime, ready } = openRuntime({ config: remote(), dataDir })
    try {
      await expect(ready).rejects.toThrow(/newer than this app knows/)
      expect(runtime.session().status).toBe('signed_out')
    } finally {
      await runtime.stop()
    }
    // The same through startRuntime, which browser mode uses: the error reaches the caller.
    await expect(startRuntime({ config: remote(), dataDir })).rejects.toThrow(/newer than this app knows/)
  })
})
