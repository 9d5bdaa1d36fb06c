import type { Backend } from '../../../electron/main/backend/backend'
import { BackendError } from '../../../electron/main/backend/errors'

/** A backend that is never reachable: every call fails like a refused connection. */
export function offlineBackend(): Backend {
  const down = (): Promise<never> => Promise.reject(new BackendError('network', 'connect ECONNREFUSED'))
  return {
    server: 'http://127.0.0.1:9',
    signIn: down,
    getWorkspace: down,
    listConversations: down,
    getChanges: down,
    getMessages: down,
    getMessagePage: down,
    searchConversations: down,
    getConversation: down,
    assign: down,
    transfer: down,
    subscribe: (_cursor, handlers) => {
      queueMicrotask(() => handlers.onError(new BackendError('network', 'connect ECONNREFUSED')))
      return { close: () => {} }
    },
    close: () => {},
  }
}
