import { z } from 'zod'

export const IpcErrorCode = z.enum([
  /** The input did not match the channel's schema. */
  'invalid_input',
  /** No such channel. */
  'unknown_channel',
  /** The caller is not the app's own frame. */
  'forbidden',
  'not_found',
  /** The answer needs the network and there is none. */
  'offline',
  /** The server did not answer in time, though the sync still reaches it: asking again may work. */
  'timeout',
  /** The server answered with an error of its own (5xx), though the sync still reaches it: asking again may work. */
  'server_error',
  /** Nobody is signed in: only session and settings channels answer. */
  'signed_out',
  /** Sign-in refused: wrong e-mail or password. */
  'wrong_credentials',
  /** Sign-in could not reach the server, or it does not speak the Interaction API. */
  'unreachable',
  /** Signed in fine, but as an agent: Observe is for supervisors. */
  'not_supervisor',
  /** Sign-in refused without checking: too many wrong passwords for this e-mail just now. */
  'too_many_attempts',
  /** Not tried: an http:// address of another computer would carry the password unencrypted. */
  'insecure_server',
  /**
   * Not queued: the page acted on other data than the cache holds now (the server was reseeded or
   * restored meanwhile), where its chats' ids may be other customers'.
   */
  'dataset_changed',
  'internal',
])
export type IpcErrorCode = z.infer<typeof IpcErrorCode>

export const IpcError = z.object({
  code: IpcErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type IpcError = z.infer<typeof IpcError>

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value })
export const fail = (error: IpcError): IpcResult<never> => ({ ok: false, error })

/** Thrown on the renderer side when a call answers `{ ok: false }`, so stores can catch one type. */
export class IpcCallError extends Error {
  readonly code: IpcErrorCode
  readonly issues: IpcError['issues']
  constructor(error: IpcError) {
    super(error.message)
    this.name = 'IpcCallError'
    this.code = error.code
    this.issues = error.issues
  }
}
