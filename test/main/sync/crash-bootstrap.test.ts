import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { cacheFile } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import { conversationIds } from '../../../electron/main/db/queries/conversations'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import { CORE_CHILD, exited, spawnChild } from '../support/child-process'
import { Api, Cleanup, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

const spawnCore = (args: string[]) => spawnChild(cleanup, CORE_CHILD, args)

/** Reads the child's cache through a short-lived connection, as another process would. */
function peek(dataDir: string): { rows: number; cursor: string | null } {
  const db = openDatabase(cacheFile(dataDir))
  try {
    const rows = (db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n
    return { rows, cursor: readSyncState(db).cursor }
  } finally {
    db.close()
  }
}

it('a core killed mid-bootstrap never has a cursor ahead of its data, and converges after restart', async () => {
  const server = await startServer(cleanup, { seed: 8000 })
  const dataDir = join(tempDir(cleanup), 'client')
  const args = [dataDir, server.url, server.credentials.email, server.credentials.password]

  const victim = spawnCore([...args, '10'])
  await expect
    .poll(
      () => {
        if (victim.exitCode !== null) throw new Error('the core exited on its own')
        try {
          return peek(dataDir).rows
        } catch {
          return 0 // the child may not have created the file yet
        }
      },
      { timeout: 30_000, interval: 20 },
    )
    .toBeGreaterThan(0)
  victim.kill('SIGKILL')
  await exited(victim)

  const afterCrash = peek(dataDir)
  expect(afterCrash.rows).toBeGreaterThan(0)
  expect(afterCrash.cursor).toBeNull()
  const total = (await new Api(server).stats(0)).all
  expect(afterCrash.rows).toBeLessThan(total)

  const survivor = spawnCore([...args, '500'])
  await expect.poll(() => peek(dataDir).cursor, { timeout: 60_000, interval: 100 }).not.toBeNull()
  const cache = openDatabase(cacheFile(dataDir))
  cleanup.add(() => cache.close())
  const { resolvedSince } = readSyncState(cache)
  const api = new Api(server)
  expect(conversationIds(cache)).toEqual((await api.conversationIds(resolvedSince!)).sort((a, b) => a - b))
  survivor.kill('SIGTERM')
  await exited(survivor)
})
