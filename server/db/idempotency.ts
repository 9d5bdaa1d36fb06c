import type { Db } from './connection'

export interface StoredOutcome {
  request: string
  status: number
  response: unknown
}

/** Remembers the answer to each Idempotency-Key per caller, so a replayed action is applied once. */
export class IdempotencyKeys {
  private readonly find
  private readonly insert

  constructor(db: Db) {
    this.find = db.prepare('SELECT request, status, response FROM idempotency WHERE agent_id = ? AND key = ?')
    this.insert = db.prepare('INSERT INTO idempotency (key, agent_id, request, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  }

  get(agentId: number, key: string): StoredOutcome | undefined {
    const row = this.find.get(agentId, key) as { request: string; status: number; response: string } | undefined
    return row === undefined ? undefined : { request: row.request, status: row.status, response: JSON.parse(row.response) as unknown }
  }

  remember(agentId: number, key: string, outcome: StoredOutcome, now: number): void {
    this.insert.run(key, agentId, outcome.request, outcome.status, JSON.stringify(outcome.response), now)
  }
}
