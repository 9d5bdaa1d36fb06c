import type { ConnectionState } from '../../../shared/ipc'
import type { IpcHandlers } from './types'

export function connectionHandlers(deps: { connection: () => ConnectionState }): Pick<IpcHandlers, 'connection:get'> {
  return { 'connection:get': () => deps.connection() }
}
