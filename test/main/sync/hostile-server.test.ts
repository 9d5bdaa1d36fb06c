/**
 * A server gone wrong (or not ours) must not take the app's memory or its password: over real HTTP
 * on 127.0.0.1, with a fixture server that does what the reference server never would.
 */
import { afterEach, expect, it } from 'vitest'
import { BackendError } from '../../../electron/main/backend/errors'
import { MAX_EVENT_BYTES } from '../../../electron/main/backend/reference/sse'
import { ReferenceBackend } from '../../../electron/main/backend/reference/reference-backend'
import { ChangesPage } from '../../../shared/api'
import { FIXTURE_ME, json, startFixtureApi, startFixtureServer } from '../support/fixture-server'
import { Cleanup } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

function backendOn(url: string): ReferenceBackend {
  const backend = new ReferenceBackend({ baseUrl: url, email: FIXTURE_ME.email, password: 'secret-password', log: () => {} })
  cleanup.add(() => backend.close())
  return backend
}

it('refuses an answer bigger than any the API gives, as the server’s fault, without holding it all', async () => {
  let sent = 0
  const server = await startFixtureApi({
    'GET /api/v1/workspace': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      // 64 MB of spaces, written as the client reads; a client without a limit would take them all.
      const more = (): void => {
        while (sent < 64 && res.write(chunk)) sent++
        if (sent < 64) res.once('drain', more)
        else res.end('{}')
      }
      more()
    },
  })
  cleanup.add(() => server.close())
  const failure = await backendOn(server.url).getWorkspace().catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(BackendError)
  expect((failure as BackendError).kind).toBe('protocol')
  expect(sent).toBeLessThan(64)
})

it('follows no redirect, so a sign-in’s password never goes where one points', async () => {
  const elsewhere: string[] = []
  const other = await startFixtureServer({
    'POST /steal': (req, res) => {
      let body = ''
      req.on('data', (part: Buffer) => (body += part.toString()))
      req.on('end', () => {
        elsewhere.push(body)
        json(res, {})
      })
    },
  })
  cleanup.add(() => other.close())
  const server = await startFixtureServer({
    'POST /api/v1/auth/sign-in': (_req, res) => res.writeHead(307, { Location: `${other.url}/steal` }).end(),
  })
  cleanup.add(() => server.close())
  const failure = await backendOn(server.url).signIn().catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(BackendError)
  expect(elsewhere).toEqual([])
})

/**
 * A stream that opens an event and then writes `part` again and again (as fast as the client reads,
 * up to 8 MB) without ever ending it; answers how the client's subscription ended and how much was
 * written by then.
 */
async function endlessEvent(opening: string, part: string): Promise<{ ended: Error | 'reset'; written: number }> {
  let written = 0
  const server = await startFixtureApi({
    'GET /api/v1/stream': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      res.write(opening)
      const more = (): void => {
        while (!res.destroyed && written < 8 * MAX_EVENT_BYTES && res.write(part)) written += part.length
        if (!res.destroyed && written < 8 * MAX_EVENT_BYTES) res.once('drain', more)
      }
      more()
    },
  })
  cleanup.add(() => server.close())
  const backend = backendOn(server.url)
  await backend.signIn()
  const ended = await new Promise<Error | 'reset'>((resolve) => {
    backend.subscribe('0', { onOpen: () => {}, onBatch: () => {}, onHeartbeat: () => {}, onReset: () => resolve('reset'), onError: resolve })
  })
  return { ended, written }
}

it('drops a change stream that sends without ending an event, instead of growing a line without end', async () => {
  const { ended, written } = await endlessEvent('event: change\ndata: ', 'x'.repeat(64 * 1024))
  expect(ended).toBeInstanceOf(BackendError)
  expect((ended as BackendError).kind).toBe('protocol')
  expect(written).toBeLessThan(8 * MAX_EVENT_BYTES)
})

it('counts heartbeats sent inside an unfinished event toward its limit, so they cannot keep it growing', async () => {
  // Half a megabyte of one event's data, then a comment line, again and again: never a whole event.
  const { ended, written } = await endlessEvent('event: change\n', `data: ${'x'.repeat(512 * 1024)}\n:\n`)
  expect((ended as BackendError).kind).toBe('protocol')
  expect(written).toBeLessThan(8 * MAX_EVENT_BYTES)
})

it('follows no redirect on the change stream either, so its token goes nowhere else', async () => {
  const tokens: (string | undefined)[] = []
  const server = await startFixtureApi({
    'GET /api/v1/stream': (_req, res) => res.writeHead(302, { Location: '/elsewhere' }).end(),
    'GET /elsewhere': (req, res) => {
      tokens.push(req.headers.authorization)
      res.writeHead(200, { 'Content-Type': 'text/event-stream' }).write(':\n')
    },
  })
  cleanup.add(() => server.close())
  const backend = backendOn(server.url)
  await backend.signIn()
  const ended = await new Promise<Error | 'reset' | 'open'>((resolve) => {
    backend.subscribe('0', { onOpen: () => resolve('open'), onBatch: () => {}, onHeartbeat: () => {}, onReset: () => resolve('reset'), onError: resolve })
  })
  expect(ended).toBeInstanceOf(Error)
  expect(tokens).toEqual([])
})

it('reads no page longer than a query may ask for', () => {
  const change = { seq: 1, entity: 'label', data: {} }
  expect(ChangesPage.safeParse({ changes: Array.from({ length: 5000 }, () => change), lastSeq: 1, hasMore: true }).success).toBe(true)
  expect(ChangesPage.safeParse({ changes: Array.from({ length: 5001 }, () => change), lastSeq: 1, hasMore: true }).success).toBe(false)
})
