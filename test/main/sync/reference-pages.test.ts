import { afterEach, expect, it, vi } from 'vitest'
import type { ListConversationsArgs } from '../../../electron/main/backend/backend'
import { unpackConversations } from '../../../electron/main/backend/packed'
import { BackendError } from '../../../electron/main/backend/errors'
import { ReferenceBackend } from '../../../electron/main/backend/reference/reference-backend'
import type { Agent } from '../../../shared/domain'
import { conversation } from '../support/domain'
import { json, startFixtureServer } from '../support/fixture-server'
import { Cleanup, startServer } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

it('pages fetched and validated on the page thread are the pages listConversations returns, packed', async () => {
  const server = await startServer(cleanup, { seed: 600 })
  const backend = new ReferenceBackend({ baseUrl: server.url, ...server.credentials, log: () => {} })
  cleanup.add(() => backend.close())

  let page: string | null = null
  let pages = 0
  do {
    const args: ListConversationsArgs = { page, resolvedSince: 0, limit: 250 }
    const [plain, packed] = await Promise.all([backend.listConversations(args), backend.listConversationsPacked(args)])
    expect(unpackConversations(packed.packed)).toEqual(plain.items)
    expect({ ...packed, packed: null }).toEqual({ packed: null, rows: plain.items.length, skippedIds: [], unidentified: 0, next: plain.next })
    page = plain.next
    pages++
  } while (page !== null)
  expect(pages).toBeGreaterThan(1)
})

it('on the page thread, a refused token signs in again once, bad records are skipped and logged, and failures keep their kind', async () => {
  const me: Agent = { id: 1, name: 'Spv', email: 'spv@example.com', role: 'supervisor', presence: 'online', quota: 0, load: 0 }
  let signIns = 0
  let pageCalls = 0
  const server = await startFixtureServer({
    'POST /api/v1/auth/sign-in': (_req, res) => json(res, { token: `fixture-token-${++signIns}-0123456789`, expiresAt: Date.now() + 3_600_000, user: me }),
    'GET /api/v1/conversations': (req, res) => {
      pageCalls++
      if (req.headers.authorization === 'Bearer fixture-token-1-0123456789') return json(res, { error: { code: 'unauthorized', message: 'expired' } }, 401)
      if (pageCalls > 2) return json(res, { error: { code: 'unavailable', message: 'busy' } }, 503)
      json(res, { items: [conversation(1), { ...conversation(2), status: 'weird' }, { nope: true }], nextAfter: null })
    },
  })
  cleanup.add(() => server.close())
  const warnings: unknown[] = []
  const backend = new ReferenceBackend({ baseUrl: server.url, email: me.email, password: 'x', log: (level, message, data) => level === 'warn' && warnings.push({ message, id: (data as { id?: unknown }).id }) })
  cleanup.add(() => backend.close())
  // Its own thread's path, not the fallback on the calling thread.
  const here = vi.spyOn(backend, 'listConversations')

  const page = await backend.listConversationsPacked({ page: null, resolvedSince: 0 })
  expect(signIns).toBe(2)
  expect(unpackConversations(page.packed)).toEqual([conversation(1)])
  expect({ ...page, packed: null }).toEqual({ packed: null, rows: 1, skippedIds: [2], unidentified: 1, next: null })
  expect(warnings).toEqual([
    { message: 'skipped a malformed conversation', id: 2 },
    { message: 'skipped a malformed conversation', id: null },
  ])

  const failed = await backend.listConversationsPacked({ page: null, resolvedSince: 0 }).catch((error: unknown) => error)
  expect(failed).toBeInstanceOf(BackendError)
  expect((failed as BackendError).kind).toBe('server')
  expect(here).not.toHaveBeenCalled()
})
