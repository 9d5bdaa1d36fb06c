import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Agent } from '../../../shared/domain'

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void

/** A tiny HTTP server on 127.0.0.1 for shapes the reference server will not produce (malformed records). */
export async function startFixtureServer(routes: Record<string, Route>): Promise<{ url: string; close(): Promise<void> }> {
  const open = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const route = routes[`${req.method} ${url.pathname}`]
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: url.pathname } }))
      return
    }
    open.add(res)
    res.on('close', () => open.delete(res))
    route(req, res, url)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy()
        server.close(() => resolve())
      }),
  }
}

export const json = (res: ServerResponse, body: unknown, status = 200): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
}

/** The supervisor a fixture API signs in. */
export const FIXTURE_ME: Agent = { id: 1, name: 'Spv', email: 'spv@example.com', role: 'supervisor', presence: 'online', quota: 0, load: 0 }

/**
 * A fixture server that answers what every sync asks first: sign-in, a one-channel workspace at
 * seq 1, and a change feed with nothing new. `routes` add the rest or replace these.
 */
export function startFixtureApi(routes: Record<string, Route>): Promise<{ url: string; close(): Promise<void> }> {
  return startFixtureServer({
    'POST /api/v1/auth/sign-in': (_req, res) => json(res, { token: 'fixture-token-0123456789', expiresAt: Date.now() + 3_600_000, user: FIXTURE_ME }),
    'GET /api/v1/workspace': (_req, res) =>
      json(res, { agents: [FIXTURE_ME], labels: [], channels: [{ id: 1, kind: 'whatsapp', account: '+62' }], seq: 1, datasetId: 'fixture' }),
    'GET /api/v1/changes': (_req, res, url) => json(res, { changes: [], lastSeq: Number(url.searchParams.get('after')), hasMore: false }),
    ...routes,
  })
}
