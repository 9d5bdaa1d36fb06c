import type { FastifyInstance } from 'fastify'
import { API_PREFIX, StatsQuery, type StatsResponse, type WorkspaceResponse } from '../../shared/api'
import type { ServerContext } from '../context'
import { parseInput } from '../validation'

export function registerWorkspaceRoutes(app: FastifyInstance, { store }: ServerContext): void {
  app.get(`${API_PREFIX}/workspace`, async (): Promise<WorkspaceResponse> => {
    // Read in one transaction so the seq names exactly the state of these lists.
    return store.db.transaction(() => ({
      agents: store.workspace.agents(),
      labels: store.workspace.labels(),
      channels: store.workspace.channels(),
      seq: store.feed.seq,
      datasetId: store.datasetId,
    }))()
  })

  app.get(`${API_PREFIX}/stats`, async (request): Promise<StatsResponse> => {
    const query = parseInput(StatsQuery, request.query, 'query')
    return { ...store.conversations.stats(query.resolvedSince), seq: store.feed.seq }
  })
}
