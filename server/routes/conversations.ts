import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  API_PREFIX,
  ConversationsQuery,
  MessagesQuery,
  SearchQuery,
  type SearchPage,
  type ConversationsPage,
  type MessagesPage,
} from '../../shared/api'
import type { Conversation } from '../../shared/domain'
import type { ServerContext } from '../context'
import { notFound } from '../errors'
import { parseInput } from '../validation'

export const ConversationParams = z.object({ id: z.coerce.number().int().positive() })

export function registerConversationRoutes(app: FastifyInstance, { store, faults }: ServerContext): void {

  app.get(`${API_PREFIX}/conversations`, async (request): Promise<ConversationsPage> => {
    const query = parseInput(ConversationsQuery, request.query, 'query')
    const page = store.conversations.page(query)
    return { ...page, items: page.items.map((item) => faults.conversation(item)) }
  })

  // A static path: fastify matches it before /conversations/:id.
  app.get(`${API_PREFIX}/conversations/search`, async (request): Promise<SearchPage> => {
    const query = parseInput(SearchQuery, request.query, 'query')
    const page = store.search.search(query)
    return { ...page, items: page.items.map((item) => faults.conversation(item)) }
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
}
