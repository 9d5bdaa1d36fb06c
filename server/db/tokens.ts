import { createHash, randomBytes } from 'node:crypto'
import type { Db } from './connection'

/** Only a hash of each token is stored, so a copy of the database file signs nobody in. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

export class Tokens {
  private readonly insert
  private readonly find
  private readonly purge

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO tokens (token_hash, agent_id, expires_at) VALUES (?, ?, ?)')
    this.find = db.prepare('SELECT agent_id AS agentId FROM tokens WHERE token_hash = ? AND expires_at > ?')
    this.purge = db.prepare('DELETE FROM tokens WHERE expires_at <= ?')
  }

  issue(agentId: number, now: number, ttlMs: number): { token: string; expiresAt: number } {
    this.purge.run(now)
    const token = randomBytes(32).toString('base64url')
    const expiresAt = now + ttlMs
    this.insert.run(hashToken(token), agentId, expiresAt)
    return { token, expiresAt }
  }

  agentIdFor(token: string, now: number): number | undefined {
    const row = this.find.get(hashToken(token), now) as { agentId: number } | undefined
    return row?.agentId
  }
}
