/** The test's own view of "same data": (id, version) of every conversation in the window, both sides. */
import { createHash } from 'node:crypto'
import type { ReferenceServer } from '../../../server/index'
import { cacheFile } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import { conversationVersions } from '../../../electron/main/db/queries/conversations'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'

export type Versions = { id: number; version: number }[]

export const checksum = (rows: Versions): string =>
  createHash('sha256').update(rows.map((r) => `${r.id}:${r.version}`).join(',')).digest('hex').slice(0, 16)

/** Reads the server over plain HTTP, retrying injected 503s and reading malformed records leniently. */
export class ServerView {
  private token: string | null = null
  constructor(private readonly server: ReferenceServer) {}

  async get(path: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      this.token ??= ((await this.raw('POST', '/auth/sign-in', this.server.credentials)) as { token: string }).token
      const res = await fetch(`${this.server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${this.token}` } })
      if (res.ok) return res.json()
      if (res.status !== 503 || attempt > 50) throw new Error(`GET ${path}: HTTP ${res.status}`)
    }
  }

  async raw(method: string, path: string, body?: unknown): Promise<unknown> {
    if (path !== '/auth/sign-in') this.token ??= ((await this.raw('POST', '/auth/sign-in', this.server.credentials)) as { token: string }).token
    const res = await fetch(`${this.server.url}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(this.token && path !== '/auth/sign-in' ? { Authorization: `Bearer ${this.token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`)
    return res.json()
  }

  async versions(resolvedSince: number): Promise<Versions> {
    const out: Versions = []
    let after = 0
    for (;;) {
      const page = (await this.get(`/conversations?after=${after}&limit=1000&resolvedSince=${resolvedSince}`)) as {
        items: { id: number; version: unknown }[]
        nextAfter: number | null
      }
      out.push(...page.items.map((item) => ({ id: item.id, version: Number(item.version) })))
      if (page.nextAfter === null) return out
      after = page.nextAfter
    }
  }

  /** Highest version per conversation over the change feed from `after` (the oldest kept) up to `upTo`. */
  async feedVersions(upTo: number, from = 0): Promise<Map<number, number>> {
    const out = new Map<number, number>()
    let after = from
    while (after < upTo) {
      const page = (await this.get(`/changes?after=${after}&limit=1000`)) as {
        changes: { seq: number; entity: string; data: { id: number; version: unknown } }[]
        lastSeq: number
        hasMore: boolean
      }
      for (const change of page.changes) {
        if (change.seq > upTo || change.entity !== 'conversation') continue
        out.set(change.data.id, Math.max(out.get(change.data.id) ?? 0, Number(change.data.version)))
      }
      if (!page.hasMore) break
      after = page.lastSeq
    }
    return out
  }

  async head(): Promise<number> {
    return ((await this.get('/workspace')) as { seq: number }).seq
  }

  setFaults(faults: Record<string, number>): Promise<unknown> {
    return this.raw('POST', '/demo/faults', faults)
  }

  createConversation(customerName: string): Promise<unknown> {
    return this.raw('POST', '/demo/conversations', { customerName })
  }
}

/** The cache as another process sees it: its (id, version) rows, cursor and window. */
export function peekCache(dataDir: string): { versions: Versions; cursor: string | null; resolvedSince: number | null } {
  const db = openDatabase(cacheFile(dataDir))
  try {
    const state = readSyncState(db)
    return { versions: conversationVersions(db), cursor: state.cursor, resolvedSince: state.resolvedSince }
  } finally {
    db.close()
  }
}
