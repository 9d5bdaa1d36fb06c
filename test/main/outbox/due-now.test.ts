/**
 * makeDueNow runs when the connection comes back, on the main thread, at the moment the writer
 * thread starts its catch-up: with nothing waiting it must not need the write lock.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { upsertConversations } from '../../../electron/main/db/queries/conversations'
import { getAction, makeDueNow, markRetry } from '../../../electron/main/db/queries/outbox'
import { enqueue } from '../../../electron/main/outbox/outbox'
import { conversation } from '../support/domain'

let dir: string
let db: Database
/** Another connection to the same file, standing for the writer thread in a transaction. */
let writer: Database

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'observe-due-now-'))
  db = openDatabase(join(dir, 'cache.sqlite'))
  // Busy at once instead of after the cache's usual wait, so a write attempt shows as an error.
  db.pragma('busy_timeout = 0')
  db.prepare("INSERT INTO agents (id, name, email, role, presence, quota, load) VALUES (2, 'Ayu', 'ayu@x', 'agent', 'online', 5, 1)").run()
  upsertConversations(db, [conversation(1)])
  writer = openDatabase(join(dir, 'cache.sqlite'))
})

afterEach(() => {
  if (writer.inTransaction) writer.exec('ROLLBACK')
  writer.close()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('making waiting actions due when the connection is back', () => {
  it('needs no write lock when nothing waits, so a writer transaction in progress does not hold it up', () => {
    writer.exec('BEGIN IMMEDIATE')
    expect(makeDueNow(db, 5_000)).toBe(0)
  })

  it('moves an action waiting for its retry to now', () => {
    const { actions } = enqueue(db, { kind: 'assign', conversationIds: [1], agentId: 2, overrideQuota: false, seenDataset: null, now: 1_000 }).result
    markRetry(db, actions[0]!.id, 60_000, 'connect ECONNREFUSED', 'unreachable', 1_000)
    expect(makeDueNow(db, 5_000)).toBe(1)
    expect(getAction(db, actions[0]!.id)).toMatchObject({ state: 'queued', nextAttemptAt: 5_000 })
  })
})
