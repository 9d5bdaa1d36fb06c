/** Each server and user's session token, kept so the next start resumes without a password. */
import type { ReferenceSession } from '../backend/reference/http'
import { profileId } from './profile'
import type { SecretStore } from './secret-store'
import { parseStoredSession } from './sign-in'

const secretKey = (key: string, email: string): string => `session.${profileId(key, email)}`

export class SessionTokens {
  constructor(private readonly secrets: SecretStore) {}

  /** Whether kept tokens outlive the process. */
  get persistent(): boolean {
    return this.secrets.persistent
  }

  keep(key: string, email: string, session: ReferenceSession): Promise<void> {
    return this.secrets.set(secretKey(key, email), JSON.stringify(session))
  }

  async read(key: string, email: string): Promise<ReferenceSession | null> {
    return parseStoredSession(await this.secrets.get(secretKey(key, email)))
  }

  forget(key: string, email: string): Promise<void> {
    return this.secrets.delete(secretKey(key, email))
  }
}
