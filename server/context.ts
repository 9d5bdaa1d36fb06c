import type { ConversationActions } from './actions'
import type { Faults } from './faults'
import type { Store } from './store'

/** What every route module gets: the store, the actions and the few settings routes depend on. */
export interface ServerContext {
  store: Store
  actions: ConversationActions
  demo: boolean
  heartbeatMs: number
  /** The server's clock: every timestamp it makes and the Date header of its answers. */
  now: () => number
  faults: Faults
  /** Ends every open event stream; close() calls it before the HTTP server waits for connections. */
  streams: Set<() => void>
}
