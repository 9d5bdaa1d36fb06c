/** Failures a backend reports, so the sync can tell "retry later" from "start over". */
export type BackendErrorKind = 'network' | 'server' | 'auth' | 'not_found' | 'cursor_expired' | 'protocol'

export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly status?: number,
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

export const isCursorExpired = (e: unknown): e is CursorExpiredError => e instanceof BackendError && e.kind === 'cursor_expired'

/** Errors worth reporting as "offline" (as opposed to bugs). */
export const isConnectivityError = (e: unknown): boolean =>
  e instanceof BackendError && (e.kind === 'network' || e.kind === 'server' || e.kind === 'auth')
