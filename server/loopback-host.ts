/**
 * A server on loopback answers only requests addressed to loopback. A web page whose own host name
 * it has pointed at 127.0.0.1 (DNS rebinding) would otherwise reach this server as if from the same
 * site, and the demo's password is public.
 */
import type { FastifyInstance } from 'fastify'
import { ApiFailure } from './errors'

export function registerLoopbackHostCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    // Read per request: with port 0 it is known only once the server listens.
    const address = app.server.address()
    const port = typeof address === 'object' && address !== null ? address.port : -1
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
    if (!allowed.includes(request.headers.host ?? '')) {
      throw new ApiFailure(421, 'misdirected_request', 'This server answers only requests addressed to 127.0.0.1 or localhost')
    }
  })
}
