import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  API_PREFIX,
  AssignRequest,
  ConversationsQuery,
  MessagesQuery,
  type ConversationsPage,
  type MessagesPage,
} from '../../shared/api'
import type { Conversation } from '../../shared/domain'
import { signedInAgent } from '../auth'
import type { ServerContext } from '../context'
import { ApiFailure, notFound } from '../errors'
import { parseInput } from '../validation'

const ConversationParams = z.object({ id: z.coerce.number().int().positive() })
const IdempotencyKey = z.string().min(1).max(200).optional()

export function registerConversationRoutes(app: FastifyInstance, context: ServerContext): void {
  const { store, actions } = context

  app.get(`${API_PREFIX}/conversations`, async (request): Promise<ConversationsPage> => {
    const query = parseInput(ConversationsQuery, request.query, 'query')
    return store.conversations.page(query)
  })

  app.get(`${API_PREFIX}/conversations/:id`, async (request): Promise<Conversation> => {
    const { id } = parseInput(ConversationParams, request.params, 'path')
    const conversation = store.conversations.get(id)
    if (conversation === undefined) throw notFound(`Conversation ${id}`)
    return conversation
  })

  app.get(`${API_PREFIX}/conversations/:id/messages`, async (request): Promise<MessagesPage> => {
    const { id } = parseInput(ConversationParams, request.params, 'path')
    const query = parseInput(MessagesQuery, request.query, 'query')
    const row = store.conversations.row(id)
    if (row === undefined) throw notFound(`Conversation ${id}`)
    store.messages.ensureThread(row)
    return store.messages.page(id, query.before, query.limit)
  })

  app.post(`${API_PREFIX}/conversations/:id/assign`, async (request, reply) => {
    const caller = signedInAgent(request)
    if (caller.role !== 'supervisor') throw new ApiFailure(403, 'forbidden', 'Only supervisors assign conversations')
    const { id } = parseInput(ConversationParams, request.params, 'path')
    const body = parseInput(AssignRequest, request.body, 'body')
    const key = parseInput(IdempotencyKey, request.headers['idempotency-key'], 'header Idempotency-Key')
    const assign = (): Conversation => actions.assign(id, body.agentId, { ...body, now: Date.now() })
    if (key === undefined) return assign()

    // The key, the action and its remembered answer commit together: a retry replays the answer.
    const fingerprint = JSON.stringify({ id, ...body })
    const outcome = store.feed.transaction(() => {
      const seen = store.idempotency.get(caller.id, key)
      if (seen !== undefined) {
        if (seen.request !== fingerprint) {
          throw new ApiFailure(422, 'idempotency_key_reused', `Idempotency-Key "${key}" was already used for a different request`)
        }
        return seen
      }
      let fresh: { status: number; response: unknown }
      try {
        fresh = { status: 200, response: assign() }
      } catch (error) {
        if (!(error instanceof ApiFailure) || error.statusCode >= 500) throw error
        fresh = { status: error.statusCode, response: error.toBody() }
      }
      store.idempotency.remember(caller.id, key, { request: fingerprint, ...fresh }, Date.now())
      return fresh
    })
    return reply.code(outcome.status).send(outcome.response)
  })
}
