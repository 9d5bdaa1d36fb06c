import type { Database } from 'better-sqlite3'
import { readLogPage } from '../db/queries/assignment-log'
import type { IpcHandlers } from './types'

/** Log History, answered from the cache like every list. */
export function logHistoryHandlers(deps: { db: () => Database }): Pick<IpcHandlers, 'log:list'> {
  return {
    'log:list': ({ before, limit, order, ...filters }) => readLogPage(deps.db(), before, limit, filters, order),
  }
}
