import type { FastifyInstance } from 'fastify'
import { API_PREFIX, ChangesQuery, type ChangesPage } from '../../shared/api'
import type { ServerContext } from '../context'
import { cursorExpired } from '../errors'
import { parseInput } from '../validation'

export function registerChangeRoutes(app: FastifyInstance, { store, faults }: ServerContext): void {
  app.get(`${API_PREFIX}/changes`, async (request): Promise<ChangesPage> => {
    const query = parseInput(ChangesQuery, request.query, 'query')
    if (!store.feed.isValidCursor(query.after)) throw cursorExpired(query.after)
    const page = store.feed.read(query.after, query.limit)
    return { ...page, changes: page.changes.map((change) => faults.change(change)) }
  })
}
