/** The HTTP surface: one fastify instance, ApiError bodies for every failure, routes by area. */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { API_PREFIX, type ApiError } from '../shared/api'
import { registerAuth } from './auth'
import type { ServerContext } from './context'
import { ApiFailure } from './errors'
import { registerAssignmentRoutes } from './routes/assignments'
import { registerChangeRoutes } from './routes/changes'
import { registerConversationRoutes } from './routes/conversations'
import { registerDemoRoutes } from './routes/demo'
import { registerStreamRoute } from './routes/stream'
import { registerWorkspaceRoutes } from './routes/workspace'

const errorBody = (code: string, message: string): ApiError => ({ error: { code, message } })

export function buildApp(context: ServerContext): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1024 * 1024 })

  app.setErrorHandler((error: FastifyError | ApiFailure, _request, reply) => {
    if (error instanceof ApiFailure) return reply.code(error.statusCode).send(error.toBody())
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500
    if (status >= 500) {
      console.error('request failed', error)
      return reply.code(500).send(errorBody('internal', 'The server failed to answer this request'))
    }
    // Fastify's own rejections: malformed JSON, wrong content type, body too large.
    const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_request'
    return reply.code(status).send(errorBody(code, error.message))
  })

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}`))
  })

  // Node dates answers by the machine's clock; a server's own clock may differ (clockSkewMs), and
  // clients read how far theirs is off from this header.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('date', new Date(context.now()).toUTCString())
  })
  context.faults.register(app)
  registerAuth(app, context)
  registerWorkspaceRoutes(app, context)
  registerConversationRoutes(app, context)
  registerAssignmentRoutes(app, context)
  registerChangeRoutes(app, context)
  registerStreamRoute(app, context)
  if (context.demo) registerDemoRoutes(app, context)
  app.get('/', async () => ({ name: 'Observe reference Interaction API', api: API_PREFIX }))
  return app
}
