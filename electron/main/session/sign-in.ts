/**
 * Checks a supervisor's credentials against a server before anything switches to it, and says why
 * it failed in words the sign-in screen can act on.
 */
import { z } from 'zod'
import { Agent } from '../../../shared/domain'
import { inTheClear } from '../../../shared/ipc/settings'
import { BackendError } from '../backend/errors'
import { ReferenceHttp, type ReferenceSession } from '../backend/reference/http'
import { IpcFailure } from '../ipc/types'

/** The secret kept per profile: the token and who it signs in. */
export const StoredSession = z.object({ token: z.string().min(1), expiresAt: z.number().int(), me: Agent })

export function parseStoredSession(text: string | null): ReferenceSession | null {
  if (text === null) return null
  try {
    const parsed = StoredSession.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function signInFailure(error: unknown, server: string): IpcFailure {
  if (error instanceof BackendError) {
    if (error.kind === 'auth') return new IpcFailure('wrong_credentials', 'Wrong e-mail or password')
    if (error.kind === 'server' && error.status === 429) return new IpcFailure('too_many_attempts', `${server} holds this e-mail back after too many wrong passwords: ${error.message}`)
    if (error.kind === 'network') return new IpcFailure('unreachable', `${server} did not answer: ${error.message}`)
    if (error.kind === 'server') return new IpcFailure('unreachable', `${server} answered with an error (HTTP ${error.status ?? '?'})`)
  }
  return new IpcFailure('unreachable', `${server} does not answer as an Interaction API server`)
}

/** Signs in once; answers the session, or throws an IpcFailure with the reason. */
export async function verifySignIn(args: { server: string; email: string; password: string }): Promise<ReferenceSession> {
  if (inTheClear(args.server)) {
    throw new IpcFailure('insecure_server', `${args.server} is http:// on another computer; the password would cross the network unencrypted (use https://)`)
  }
  const http = new ReferenceHttp({ baseUrl: args.server, email: args.email, password: args.password })
  let session: ReferenceSession
  try {
    session = await http.signIn()
  } catch (error) {
    throw signInFailure(error, args.server)
  } finally {
    http.close()
  }
  if (session.me.role !== 'supervisor') {
    throw new IpcFailure('not_supervisor', `${session.me.email} is an agent account; Observe is for supervisors`)
  }
  return session
}
