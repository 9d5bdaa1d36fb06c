import { IpcCallError } from '@renderer/api/client'
import { ANSWER_LOST, NOT_SENT } from '@renderer/api/ws-bridge'

/** The IPC error code of a failure, or 'internal' for anything else. */
export function errorCode(error: unknown): string {
  return error instanceof IpcCallError ? error.code : 'internal'
}

/**
 * What became of a call that failed on its way to Observe's process (browser mode): `not_sent`,
 * given up on before it went, so certainly not carried out; `answer_lost`, sent but its answer
 * lost with the connection, so it may have been. Null for a failure Observe itself answered.
 */
export function callFate(error: unknown): 'not_sent' | 'answer_lost' | null {
  if (!(error instanceof IpcCallError) || error.code !== 'offline') return null
  if (error.message === NOT_SENT) return 'not_sent'
  if (error.message === ANSWER_LOST) return 'answer_lost'
  return null
}
