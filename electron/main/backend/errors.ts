import type { Conversation } from '../../../shared/domain'

/** Failures a backend reports, so the sync can tell "retry later" from "start over". */
export type BackendErrorKind = 'network' | 'server' | 'auth' | 'not_found' | 'cursor_expired' | 'protocol' | 'rejected'

export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly status?: number,
    /** The response body of an HTTP failure, for callers that read more than the status. */
    readonly body?: unknown,
  ) {
    super(message)
    this.name = 'BackendError'
  }
}

export class CursorExpiredError extends BackendError {
  constructor(message = 'the change cursor is older than the server keeps') {
    super('cursor_expired', message, 410)
    this.name = 'CursorExpiredError'
  }
}

/**
 * A request the server did not answer within the client's timeout. Still a network failure to the
 * sync (it retries and may go offline), but a request made for the page can tell the supervisor
 * that the server is slow rather than gone, while the sync shows it reachable.
 */
export class TimedOutError extends BackendError {
  constructor(message: string) {
    super('network', message)
    this.name = 'TimedOutError'
  }
}

export const isTimedOut = (e: unknown): e is TimedOutError => e instanceof TimedOutError

export const isCursorExpired = (e: unknown): e is CursorExpiredError => e instanceof BackendError && e.kind === 'cursor_expired'

/** Errors worth reporting as "offline" (as opposed to bugs). */
export const isConnectivityError = (e: unknown): boolean =>
  e instanceof BackendError && (e.kind === 'network' || e.kind === 'server' || e.kind === 'auth')

/** Why a backend refused an action, in the outbox's words. */
export type ActionRejectionCode = 'conflict' | 'agent_offline' | 'over_quota' | 'unknown_agent' | 'forbidden' | 'not_found' | 'invalid_request' | 'other' | 'dataset_changed'

/**
 * The backend understood an action and refused it for good: retrying the same request cannot
 * help. `conversation` is the conversation as the backend holds it now, when it said so.
 */
export class ActionRejectedError extends BackendError {
  constructor(
    readonly code: ActionRejectionCode,
    message: string,
    status: number,
    readonly conversation: Conversation | null = null,
  ) {
    super('rejected', message, status)
    this.name = 'ActionRejectedError'
  }
}

export const isActionRejected = (e: unknown): e is ActionRejectedError => e instanceof ActionRejectedError
