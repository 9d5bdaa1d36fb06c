import { mkdtempSync, rmSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { cacheFile, createCore, type Core } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import { conversationIds } from '../../../electron/main/db/queries/conversations'
import { pendingRefetchCount } from '../../../electron/main/db/queries/refetch'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import type { Agent } from '../../../shared/domain'
import { conversation } from '../support/domain'
import { json, startFixtureApi, startFixtureServer, type Route } from '../support/fixture-server'

const me: Agent = { id: 1, name: 'Spv', email: 'spv@example.com', role: 'supervisor', presence: 'online', quota: 0, load: 0 }
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

it('skips malformed records in pages, the change feed and the stream, and syncs the rest', async () => {
  const warnings: string[] = []
  const server = await startFixtureServer({
    'POST /api/v1/auth/sign-in': (_req, res) => json(res, { token: 'fixture-token-0123456789', expiresAt: Date.now() + 3_600_000, user: me }),
    'GET /api/v1/workspace': (_req, res) =>
      json(res, { agents: [me], labels: [], channels: [{ id: 1, kind: 'whatsapp', account: '+62' }], seq: 3, datasetId: 'fixture' }),
    'GET /api/v1/conversations': (_req, res) =>
      json(res, { items: [conversation(1), { ...conversation(2), status: 'weird' }, conversation(3)], nextAfter: null }),
    'GET /api/v1/changes': (_req, res, url) =>
      url.searchParams.get('after') === '3'
        ? json(res, {
            changes: [
              { seq: 4, entity: 'conversation', data: conversation(4) },
              { seq: 5, entity: 'conversation', data: { ...conversation(6), ticketNo: -1 } },
              { seq: 6, entity: 'gizmo', data: {} },
            ],
            lastSeq: 6,
            hasMore: false,
          })
        : json(res, { changes: [], lastSeq: Number(url.searchParams.get('after')), hasMore: false }),
    'GET /api/v1/stream': (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      if (req.headers['last-event-id'] !== '6') return void res.end()
      res.write('id: 7\nevent: change\ndata: {not json\n\n')
      res.write(`id: 8\nevent: change\ndata: ${JSON.stringify({ seq: 8, entity: 'conversation', data: conversation(5) })}\n\n`)
      res.write(': ping\n\n')
    },
  })
  cleanups.push(() => server.close())
  const dir = mkdtempSync(join(tmpdir(), 'observe-bad-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const core: Core = createCore({
    dataDir: dir,
    backend: { kind: 'reference', baseUrl: server.url, email: 'spv@example.com', password: 'x' },
    log: (level, message) => level === 'warn' && warnings.push(message),
    sync: { backoff: { baseMs: 50, maxMs: 200 } },
  })
  await core.start()
  cleanups.push(() => core.stop())

  const db = openDatabase(cacheFile(dir))
  cleanups.push(() => db.close())
  await expect.poll(() => readSyncState(db).cursor, { timeout: 10_000 }).toBe('8')
  expect(conversationIds(db)).toEqual([1, 3, 4, 5])
  expect(warnings).toEqual(
    expect.arrayContaining([
      'skipped a malformed conversation',
      'skipped a malformed conversation change',
      'skipped a malformed gizmo change',
      'skipped a change event that is not JSON',
    ]),
  )
  expect(await core.handle('connection:get', {})).toMatchObject({ ok: true, value: { status: 'online', error: null } })
})

/**
 * A sync whose list holds conversation 2 malformed, fetched again through `refetch`, and whose
 * stream stays up with a beat every 100 ms: each beat runs the refetches that fell due.
 */
async function refetchingCore(items: unknown[], refetch: Route, warnings: string[] = []): Promise<{ core: Core; dir: string }> {
  const server = await startFixtureApi({
    'GET /api/v1/conversations': (_req, res) => json(res, { items, nextAfter: null }),
    'GET /api/v1/conversations/2': refetch,
    'GET /api/v1/stream': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' }).write(': connected\n\n')
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 100)
      res.on('close', () => clearInterval(heartbeat))
    },
  })
  cleanups.push(() => server.close())
  const dir = mkdtempSync(join(tmpdir(), 'observe-bad-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const core = createCore({
    dataDir: dir,
    backend: { kind: 'reference', baseUrl: server.url, email: 'spv@example.com', password: 'x' },
    log: (level, message) => level === 'warn' && warnings.push(message),
    sync: { backoff: { baseMs: 20, maxMs: 100 } },
  })
  await core.start()
  cleanups.push(() => core.stop())
  return { core, dir }
}

const malformed = { ...conversation(2), status: 'weird' }
const refused = (res: ServerResponse): void => json(res, { error: { code: 'internal', message: 'boom' } }, 500)

it('a skipped record whose refetch keeps failing with 5xx does not keep the sync from going live, and is fetched once the server answers', async () => {
  let refetchAnswer = refused
  const { core, dir } = await refetchingCore([conversation(1), malformed, conversation(3)], (_req, res) => refetchAnswer(res))
  const db = openDatabase(cacheFile(dir))
  cleanups.push(() => db.close())

  await expect.poll(() => core.handle('connection:get', {}), { timeout: 10_000 }).toMatchObject({ ok: true, value: { status: 'online' } })
  expect(conversationIds(db)).toEqual([1, 3])
  expect(pendingRefetchCount(db)).toBe(1)

  // The stream stays up; the deferred refetch falls due at a heartbeat.
  refetchAnswer = (res) => json(res, conversation(2))
  await expect.poll(() => conversationIds(db), { timeout: 10_000 }).toEqual([1, 2, 3])
  expect(pendingRefetchCount(db)).toBe(0)
})

it('stopping while a refetch waits on the server ends it quietly: no "refetch failed" for a run the stop cut short', async () => {
  const warnings: string[] = []
  let refetches = 0
  const REFUSED = 6
  // Refused through every try of the first run (deferred, so the sync goes live), then never
  // answered: a run started by the stream's heartbeat is under way when the core stops.
  const { core } = await refetchingCore(
    [conversation(1), malformed],
    (_req, res) => {
      refetches += 1
      if (refetches <= REFUSED) refused(res)
    },
    warnings,
  )
  await expect.poll(() => core.handle('connection:get', {}), { timeout: 10_000 }).toMatchObject({ ok: true, value: { status: 'online' } })
  await expect.poll(() => refetches, { timeout: 10_000 }).toBeGreaterThan(REFUSED)
  await core.stop()
  expect(warnings).not.toContain('refetch failed')
})

it('skips a malformed agent, label or channel in the workspace and syncs with the rest', async () => {
  const warnings: string[] = []
  const long: Agent = { id: 2, name: 'x'.repeat(243), email: 'long@example.com', role: 'agent', presence: 'online', quota: 5, load: 0 }
  const server = await startFixtureServer({
    'POST /api/v1/auth/sign-in': (_req, res) => json(res, { token: 'fixture-token-0123456789', expiresAt: Date.now() + 3_600_000, user: me }),
    'GET /api/v1/workspace': (_req, res) =>
      json(res, {
        agents: [me, long, { ...long, id: 3, name: 'Rani' }],
        labels: [{ id: 1, name: 'VIP', color: 'not a colour at all, and far too long for one' }],
        channels: [{ id: 1, kind: 'whatsapp', account: '+62' }, { id: 2, kind: 'fax', account: '+1' }],
        seq: 0,
        datasetId: 'fixture',
      }),
    'GET /api/v1/conversations': (_req, res) => json(res, { items: [conversation(1)], nextAfter: null }),
    'GET /api/v1/changes': (_req, res) => json(res, { changes: [], lastSeq: 0, hasMore: false }),
    'GET /api/v1/assignments': (_req, res) => json(res, { records: [], after: 0, hasMore: false }),
  })
  cleanups.push(() => server.close())
  const dir = mkdtempSync(join(tmpdir(), 'observe-bad-workspace-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const core = createCore({
    dataDir: dir,
    backend: { kind: 'reference', baseUrl: server.url, email: me.email, password: 'x' },
    log: (level, message) => level === 'warn' && warnings.push(message),
    sync: { backoff: { baseMs: 50, maxMs: 200 }, streamIdleTimeoutMs: 2000 },
  })
  cleanups.push(() => core.stop())
  await core.start()
  await expect.poll(async () => {
    const ws = await core.handle('workspace:get', {})
    return ws.ok ? (ws.value as { agents: Agent[] }).agents.map((a) => a.id) : null
  }, { timeout: 20_000 }).toEqual([3, 1])
  expect(warnings.filter((w) => w.startsWith('skipped a malformed'))).toEqual(expect.arrayContaining(['skipped a malformed agent', 'skipped a malformed channel']))
})
