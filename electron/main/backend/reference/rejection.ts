import { z } from 'zod'
import { ApiError } from '../../../../shared/api'
import { Conversation } from '../../../../shared/domain'
import { ActionRejectedError, BackendError, type ActionRejectionCode } from '../errors'

/** A 409 may carry the conversation as it stands now, beside the error. */
const WithConversation = z.object({ conversation: Conversation })

const KNOWN: Record<string, ActionRejectionCode> = {
  conflict: 'conflict',
  agent_offline: 'agent_offline',
  over_quota: 'over_quota',
  unknown_agent: 'unknown_agent',
  forbidden: 'forbidden',
  not_found: 'not_found',
  invalid_request: 'invalid_request',
}

/**
 * Turns a refusal of the Interaction API (4xx other than auth and rate limits) into an
 * ActionRejectedError; returns null for failures worth retrying (network, 5xx, 401, 408, 429).
 */
export function rejectionOf(error: unknown): ActionRejectedError | null {
  if (!(error instanceof BackendError) || error.status === undefined) return null
  const status = error.status
  if (status < 400 || status >= 500 || status === 401 || status === 408 || status === 429) return null
  const body = ApiError.safeParse(error.body)
  const serverCode = body.success ? body.data.error.code : ''
  const code: ActionRejectionCode =
    KNOWN[serverCode] ??
    (status === 409 ? 'conflict' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 400 ? 'invalid_request' : 'other')
  const current = WithConversation.safeParse(error.body)
  return new ActionRejectedError(code, error.message, status, current.success ? current.data.conversation : null)
}
