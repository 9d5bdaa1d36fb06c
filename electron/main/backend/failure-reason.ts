import type { FailureReason } from '../../../shared/ipc/failure'
import { BackendError, isTimedOut } from './errors'

/** The few words a supervisor is told for a failed request (see FailureReason); the log keeps the error itself. */
export function failureReason(error: unknown): FailureReason {
  if (isTimedOut(error)) return 'timeout'
  if (!(error instanceof BackendError)) return 'other'
  switch (error.kind) {
    case 'network':
      return 'unreachable'
    case 'server':
      return 'server_error'
    case 'auth':
      return 'signed_out'
    case 'rejected':
    case 'not_found':
      return 'refused'
    case 'protocol':
      // With a status the server answered and declined; without one its answer could not be read.
      return error.status === undefined ? 'other' : 'refused'
    case 'cursor_expired':
      return 'other'
  }
}
