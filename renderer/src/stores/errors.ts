import { IpcCallError } from '@renderer/api/client'

/** The IPC error code of a failure, or 'internal' for anything else. */
export function errorCode(error: unknown): string {
  return error instanceof IpcCallError ? error.code : 'internal'
}
