import type { Database } from 'better-sqlite3'
import { readSyncState } from '../db/queries/sync-state'
import { getAgent, readWorkspace } from '../db/queries/workspace'
import type { IpcHandlers } from './types'

export function workspaceHandlers(deps: { db: () => Database }): Pick<IpcHandlers, 'workspace:get'> {
  return {
    'workspace:get': () => {
      const db = deps.db()
      const { meId, datasetId } = readSyncState(db)
      return { ...readWorkspace(db), me: meId === null ? null : getAgent(db, meId), datasetId }
    },
  }
}
