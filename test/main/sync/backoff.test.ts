import type { ServerResponse } from 'node:http'
import { afterEach, expect, it } from 'vitest'
import { cacheFile, createCore } from '../../../electron/main/core'
import { ReferenceBackend } from '../../../electron/main/backend/reference/reference-backend'
import { openDatabase } from '../../../electron/main/db/connection'
import { conversationIds } from '../../../electron/main/db/queries/conversations'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import { backoffDelay } from '../../../electron/main/sync/backoff'
import { conversation } from '../support/domain'
import { FIXTURE_ME, json, startFixtureApi } from '../support/fixture-server'
import { Cleanup, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

it('grows exponentially up to the cap, jittered within the upper half of each bound', () => {
  const options = { baseMs: 100, maxMs: 1000 }
  expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, options, () => 1))).toEqual([100, 200, 400, 800, 1000])
  expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, options, () => 0))).toEqual([50, 100, 200, 400, 500])
})

it.each([
  ['answers 503', (res: ServerResponse) => json(res, { error: { code: 'unavailable', message: 'down for maintenance' } }, 503)],
  ['opens and closes at once', (res: ServerResponse) => res.writeHead(200, { 'Content-Type': 'text/event-stream' }).end(': connected\n\n')],
])('a stream that %s is asked again after ever longer pauses, though every request before it succeeds', async (_how, answer) => {
  const asked: number[] = []
  const server = await startFixtureApi({
    'GET /api/v1/conversations': (_req, res) => json(res, { items: [conversation(1)], nextAfter: null }),
    'GET /api/v1/stream': (_req, res) => {
      asked.push(performance.now())
      answer(res)
    },
  })
  cleanup.add(() => server.close())
  const core = createCore({
    dataDir: tempDir(cleanup),
    backend: { kind: 'reference', baseUrl: server.url, email: FIXTURE_ME.email, password: 'x' },
    sync: { backoff: { baseMs: 100, maxMs: 10_000 } },
  })
  await core.start()
  cleanup.add(() => core.stop())

  await expect.poll(() => asked.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(6)
  // The fifth failure waits at least half of 100 ms * 2^4; a machine that is slow only waits longer.
  expect(asked[5]! - asked[4]!).toBeGreaterThanOrEqual(800)
})

it('a bootstrap page that never answers is given up at the request timeout and asked again after a pause, and the bootstrap completes', async () => {
  const asked: number[] = []
  const server = await startFixtureApi({
    'GET /api/v1/conversations': (_req, res) => {
      asked.push(performance.now())
      // The first two asks hang, as behind a proxy that lost the server: no answer, no error.
      if (asked.length <= 2) return
      json(res, { items: [conversation(1), conversation(2)], nextAfter: null })
    },
    'GET /api/v1/stream': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/event-stream' }).write(': connected\n\n'),
  })
  cleanup.add(() => server.close())
  const backend = new ReferenceBackend({ baseUrl: server.url, email: FIXTURE_ME.email, password: 'x', log: () => {}, requestTimeoutMs: 500 })
  cleanup.add(() => backend.close())
  const dataDir = tempDir(cleanup)
  const core = createCore({ dataDir, backend: { kind: 'custom', backend }, sync: { backoff: { baseMs: 200, maxMs: 2000 } } })
  await core.start()
  cleanup.add(() => core.stop())
  const db = openDatabase(cacheFile(dataDir))
  cleanup.add(() => db.close())

  await expect.poll(() => readSyncState(db).cursor, { timeout: 10_000 }).not.toBeNull()
  expect(conversationIds(db)).toEqual([1, 2])
  // A loaded machine may time out a third ask too; the first two are the ones that hung.
  expect(asked.length).toBeGreaterThanOrEqual(3)
  // Each hung ask waited out the timeout, then at least half of the doubled pause (100 ms, then 200 ms).
  expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(500 + 100)
  expect(asked[2]! - asked[1]!).toBeGreaterThanOrEqual(500 + 200)
})
