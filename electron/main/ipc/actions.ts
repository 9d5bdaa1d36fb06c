import { OtherDatasetError } from '../outbox/outbox'
import type { OutboxService } from '../outbox/service'
import { IpcFailure, type IpcHandlers } from './types'

/** Queues, answering a page that acted on data the cache no longer holds with its own error code. */
function refusingOtherData<T>(queue: () => T): T {
  try {
    return queue()
  } catch (error) {
    if (error instanceof OtherDatasetError) throw new IpcFailure('dataset_changed', `not queued: ${error.message}`)
    throw error
  }
}

/** Assign, transfer and the outbox around them. Queuing answers at once; sending happens in the background. */
export function actionHandlers(deps: {
  outbox: () => OutboxService
}): Pick<IpcHandlers, 'outbox:assign' | 'outbox:transfer' | 'outbox:planSpread' | 'outbox:spread' | 'outbox:list' | 'outbox:cancel' | 'outbox:dismiss'> {
  return {
    'outbox:assign': ({ conversationIds, agentId, overrideQuota, dataset }) =>
      refusingOtherData(() => deps.outbox().enqueue('assign', conversationIds, agentId, overrideQuota, dataset)),
    'outbox:transfer': ({ conversationId, agentId, overrideQuota, dataset }) =>
      refusingOtherData(() => deps.outbox().enqueue('transfer', [conversationId], agentId, overrideQuota, dataset)),
    'outbox:planSpread': (target) => deps.outbox().planSpread(target),
    'outbox:spread': ({ assignments, dataset }) => refusingOtherData(() => deps.outbox().spread(assignments, dataset)),
    'outbox:list': () => ({ actions: deps.outbox().list() }),
    'outbox:cancel': ({ id }) => {
      const outcome = deps.outbox().cancel(id)
      const action = outcome.ok ? deps.outbox().get(id) : null
      if (action) return action
      if (!outcome.ok && outcome.reason === 'not_cancellable') {
        throw new IpcFailure('invalid_input', `action ${id} was already sent or settled: it can no longer be cancelled`)
      }
      throw new IpcFailure('not_found', `no outbox action ${id}`)
    },
    'outbox:dismiss': ({ id }) => {
      const action = deps.outbox().dismiss(id)
      if (!action) throw new IpcFailure('not_found', `no outbox action ${id}`)
      return action
    },
  }
}

