/** The session as a page sees it, from what the runtime knows of it. */
import type { SessionState } from '../../../shared/ipc/settings'
import type { ReferenceSession } from '../backend/reference/http'
import { DEMO_SERVER_KEY } from './profile'
import type { SessionRecord } from './session-record'

/** The signed-in session, as far as a page is told of it. */
export interface SignedIn {
  /** A server URL or DEMO_SERVER_KEY. */
  key: string
  url: string
  email: string
  /** The latest session, and with it who is signed in; undefined until the first sign-in with a password. */
  session: ReferenceSession | undefined
  profile: string
}

export interface SessionFacts {
  /** Until the first session is open (see openRuntime). */
  opening: boolean
  active: SignedIn | null
  /** The last server and user, kept for the next start. */
  record: SessionRecord | null
  ended: SessionState['ended']
  /** The actions the account whose session ended left unsent (see SessionState.unsent). */
  unsent: number
  secretsPersist: boolean
}

export function sessionState({ opening, active, record, ended, unsent, secretsPersist }: SessionFacts): SessionState {
  const last = active ? { server: active.key, email: active.email } : record
  const demo = last?.server === DEMO_SERVER_KEY
  return {
    status: opening ? 'starting' : active ? 'signed_in' : 'signed_out',
    demo,
    server: active ? active.url : demo ? null : (last?.server ?? null),
    email: last?.email ?? null,
    user: active?.session?.me ?? null,
    profile: active?.profile ?? null,
    secretsPersist,
    ended: active ? null : ended,
    unsent: active ? 0 : unsent,
  }
}
