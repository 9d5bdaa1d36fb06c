import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

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
