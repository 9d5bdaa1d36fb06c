/** Log History in the cache: what the sync's writes keep, how the page reads it, and that it reads by index. */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { readLogAfter, readLogPage } from '../../../electron/main/db/queries/assignment-log'
import { upsertConversations } from '../../../electron/main/db/queries/conversations'
import { ChainedJobs } from '../../../electron/main/sync/write-jobs'
import type { AssignmentRecord } from '../../../shared/api'
import { conversation } from '../support/domain'

const DAY = 86_400_000
const NOW = 1_750_000_000_000
let db: Database
let jobs: ChainedJobs
beforeEach(() => {
  db = openDatabase(':memory:')
  jobs = new ChainedJobs(db)
})
afterEach(() => db.close())

const record = (id: number, at: number, conversationId = 10): AssignmentRecord => ({
  id,
  conversationId,
  action: id % 2 ? 'assign' : 'transfer',
  byAgentId: 1,
  fromAgentId: id % 2 ? null : 2,
  toAgentId: 3,
  at,
})

it('keeps the records inside the window, moves the cursor past the page, and counts only what is new', () => {
  const since = NOW - 30 * DAY
  expect(jobs.run({ kind: 'assignment-log', records: [record(1, since - 1), record(2, since), record(3, NOW)], after: 5, since }, null)).toBe(2)
  expect(readLogAfter(db)).toBe(5)
  // A page asked again (a retry after a lost answer) adds nothing and never moves the cursor back.
  expect(jobs.run({ kind: 'assignment-log', records: [record(3, NOW)], after: 3, since }, null)).toBe(0)
  expect(readLogAfter(db)).toBe(5)
  expect(readLogPage(db, null, 50).entries.map((e) => e.id)).toEqual([3, 2])
})

it('reads newest first in keyset pages, with the chat as cached or null once it is gone', () => {
  upsertConversations(db, [conversation(10, { ticketNo: 4410, customer: { id: 7, name: 'Sari <b>Dewi</b>', handle: '+62 811' }, channel: 'telegram' })])
  for (let id = 1; id <= 5; id++) jobs.run({ kind: 'assignment-log', records: [record(id, NOW + id, id === 5 ? 11 : 10)], after: id, since: 0 }, null)

  const first = readLogPage(db, null, 2)
  expect(first.entries.map((e) => e.id)).toEqual([5, 4])
  expect(first.entries[0]!.conversation).toBeNull()
  expect(first.entries[1]).toEqual({ ...record(4, NOW + 4), conversation: { ticketNo: 4410, customerName: 'Sari <b>Dewi</b>', customerHandle: '+62 811', channel: 'telegram' } })
  const second = readLogPage(db, first.nextBefore, 2)
  expect(second.entries.map((e) => e.id)).toEqual([3, 2])
  const last = readLogPage(db, second.nextBefore, 2)
  expect(last).toMatchObject({ entries: [{ id: 1 }], nextBefore: null })
})

it('leaves with the window, and starts over when the server holds another dataset', () => {
  jobs.run({ kind: 'assignment-log', records: [record(1, NOW - 40 * DAY), record(2, NOW)], after: 2, since: 0 }, null)
  jobs.run({ kind: 'prune', since: NOW - 30 * DAY }, null)
  expect(readLogPage(db, null, 50).entries.map((e) => e.id)).toEqual([2])
  expect(readLogAfter(db)).toBe(2)

  jobs.run({ kind: 'drop' }, null)
  expect(readLogPage(db, null, 50).entries).toEqual([])
  expect(readLogAfter(db)).toBe(0)
})

it('reads a page and prunes by index, never by scanning the log', () => {
  const plan = (sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n')
  const page = plan(
    `SELECT l.* FROM assignment_log l LEFT JOIN conversations c ON c.id = l.conversation_id LEFT JOIN customers cu ON cu.id = c.customer_id
     WHERE l.id < ? ORDER BY l.id DESC LIMIT ?`,
    100,
    50,
  )
  expect(page).toMatch(/SEARCH l USING INTEGER PRIMARY KEY \(rowid<\?\)/)
  expect(page).not.toMatch(/TEMP B-TREE/)
  expect(plan('DELETE FROM assignment_log WHERE at < ?', 1)).toMatch(/USING (COVERING )?INDEX assignment_log_at/)
})
