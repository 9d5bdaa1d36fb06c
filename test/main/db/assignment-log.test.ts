/** Log History in the cache: what the sync's writes keep, how the page reads it, and that it reads by index. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { clearLog, logPageQuery, readLogAfter, readLogOlder, readLogPage } from '../../../electron/main/db/queries/assignment-log'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { upsertConversations } from '../../../electron/main/db/queries/conversations'
import { ChainedJobs } from '../../../electron/main/sync/write-jobs'
import { silentLog } from '../../../electron/main/log'
import type { AssignmentRecord } from '../../../shared/api'
import { conversation } from '../support/domain'

const DAY = 86_400_000
const NOW = 1_750_000_000_000
let db: Database
let jobs: ChainedJobs
beforeEach(() => {
  db = openDatabase(':memory:')
  jobs = new ChainedJobs(db, silentLog)
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

it('narrows to one agent, whether they did the hand-off, gave the chat up or received it, in keyset pages', () => {
  const log: AssignmentRecord[] = [
    { id: 1, conversationId: 10, action: 'assign', byAgentId: 1, fromAgentId: null, toAgentId: 3, at: NOW + 1 },
    { id: 2, conversationId: 11, action: 'transfer', byAgentId: 1, fromAgentId: 3, toAgentId: 4, at: NOW + 2 },
    { id: 3, conversationId: 12, action: 'assign', byAgentId: 5, fromAgentId: null, toAgentId: 5, at: NOW + 3 },
    { id: 4, conversationId: 13, action: 'assign', byAgentId: 3, fromAgentId: null, toAgentId: 3, at: NOW + 4 },
    { id: 5, conversationId: 14, action: 'transfer', byAgentId: 1, fromAgentId: 4, toAgentId: 6, at: NOW + 5 },
  ]
  jobs.run({ kind: 'assignment-log', records: log, after: 5, since: 0 }, null)
  const ids = (agentId: number) => readLogPage(db, null, 50, { agentId }).entries.map((e) => e.id)

  expect(ids(3)).toEqual([4, 2, 1])
  expect(ids(1)).toEqual([5, 2, 1])
  // An agent who picked a chat up themselves is there once, not once for each part they played.
  expect(ids(5)).toEqual([3])
  expect(ids(99)).toEqual([])
  const first = readLogPage(db, null, 2, { agentId: 3 })
  expect(first).toMatchObject({ entries: [{ id: 4 }, { id: 2 }], nextBefore: 2 })
  expect(readLogPage(db, first.nextBefore, 2, { agentId: 3 })).toMatchObject({ entries: [{ id: 1 }], nextBefore: null })
})

it('narrows to a range of time, inclusive start and exclusive end, alone and with an agent', () => {
  for (let id = 1; id <= 6; id++) jobs.run({ kind: 'assignment-log', records: [{ ...record(id, NOW + id * DAY), toAgentId: id % 2 ? 3 : 4 }], after: id, since: 0 }, null)
  const range = { from: NOW + 2 * DAY, to: NOW + 5 * DAY }

  expect(readLogPage(db, null, 50, range).entries.map((e) => e.id)).toEqual([4, 3, 2])
  expect(readLogPage(db, null, 50, { ...range, agentId: 3 }).entries.map((e) => e.id)).toEqual([3])
  const first = readLogPage(db, null, 2, range)
  expect(first).toMatchObject({ entries: [{ id: 4 }, { id: 3 }], nextBefore: 3 })
  expect(readLogPage(db, first.nextBefore, 2, range)).toMatchObject({ entries: [{ id: 2 }], nextBefore: null })
})

it("keeps an agent's entries with the log: pruned with it, emptied with another dataset", () => {
  jobs.run({ kind: 'assignment-log', records: [record(1, NOW - 40 * DAY), record(2, NOW)], after: 2, since: 0 }, null)
  jobs.run({ kind: 'prune', since: NOW - 30 * DAY }, null)
  expect(readLogPage(db, null, 50, { agentId: 3 }).entries.map((e) => e.id)).toEqual([2])
  expect(db.prepare('SELECT log_id FROM assignment_log_agents ORDER BY log_id').pluck().all()).toEqual([2, 2, 2])

  jobs.run({ kind: 'drop' }, null)
  expect(db.prepare('SELECT COUNT(*) FROM assignment_log_agents').pluck().get()).toBe(0)
})

it('indexes by agent the log a cache held before the index existed', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'observe-log-')), 'cache.db')
  const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 150))
  new ChainedJobs(old, silentLog).run({ kind: 'assignment-log', records: [record(1, NOW), record(2, NOW + 1)], after: 2, since: 0 }, null)
  old.close()

  const reopened = openDatabase(file)
  try {
    expect(readLogPage(reopened, null, 50, { agentId: 2 }).entries.map((e) => e.id)).toEqual([2])
    expect(readLogPage(reopened, null, 50, { agentId: 3 }).entries.map((e) => e.id)).toEqual([2, 1])
  } finally {
    reopened.close()
  }
})

it('orders by when the hand-off happened, the id breaking ties, and reads nothing below an entry that has left', () => {
  // The server stamped id 3 a moment before id 2 (its clock stepped back): the page reads in time.
  jobs.run({ kind: 'assignment-log', records: [record(1, NOW), record(2, NOW + 20), record(3, NOW + 10), record(4, NOW + 10)], after: 4, since: 0 }, null)
  expect(readLogPage(db, null, 50).entries.map((e) => e.id)).toEqual([2, 4, 3, 1])
  expect(readLogPage(db, null, 50, { agentId: 3 }).entries.map((e) => e.id)).toEqual([2, 4, 3, 1])
  const first = readLogPage(db, null, 2)
  expect(first).toMatchObject({ entries: [{ id: 2 }, { id: 4 }], nextBefore: 4 })
  expect(readLogPage(db, first.nextBefore, 2).entries.map((e) => e.id)).toEqual([3, 1])
  expect(readLogPage(db, 99, 2)).toEqual({ entries: [], nextBefore: null, copyingOlder: false })
})

it('reads oldest first from the end of the log, in keyset pages, within an agent and a range, the id breaking ties', () => {
  // Ids and times disagree, as when the server's clock stepped back: the order is by time.
  const times = [NOW + DAY, NOW + 3 * DAY, NOW + 2 * DAY, NOW + 2 * DAY, NOW + 5 * DAY, NOW + 4 * DAY]
  jobs.run({ kind: 'assignment-log', records: times.map((at, i) => ({ ...record(i + 1, at), toAgentId: i % 2 ? 4 : 3 })), after: 6, since: 0 }, null)
  const ids = (before: number | null, limit: number, filters = {}) => readLogPage(db, before, limit, filters, 'oldest_first')

  // Every entry, the newest-first order backwards.
  expect(ids(null, 50).entries.map((e) => e.id)).toEqual(readLogPage(db, null, 50).entries.map((e) => e.id).reverse())
  expect(ids(null, 50).entries.map((e) => e.id)).toEqual([1, 3, 4, 2, 6, 5])
  const first = ids(null, 2)
  expect(first).toMatchObject({ entries: [{ id: 1 }, { id: 3 }], nextBefore: 3 })
  const second = ids(first.nextBefore, 2)
  expect(second).toMatchObject({ entries: [{ id: 4 }, { id: 2 }], nextBefore: 2 })
  expect(ids(second.nextBefore, 2)).toMatchObject({ entries: [{ id: 6 }, { id: 5 }], nextBefore: null })

  const range = { from: NOW + 2 * DAY, to: NOW + 5 * DAY }
  expect(ids(null, 50, range).entries.map((e) => e.id)).toEqual([3, 4, 2, 6])
  expect(ids(null, 50, { ...range, agentId: 3 }).entries.map((e) => e.id)).toEqual([3])
  // A cursor before the range starts reads from its start, one past it on from the cursor.
  expect(ids(1, 2, range)).toMatchObject({ entries: [{ id: 3 }, { id: 4 }], nextBefore: 4 })
  expect(ids(4, 50, range).entries.map((e) => e.id)).toEqual([2, 6])
  // An entry gone from the cache took every older one with it: all that is kept comes after it.
  expect(ids(99, 2)).toMatchObject({ entries: [{ id: 1 }, { id: 3 }] })
})

it('reads every page shape by walking one index in its order, never scanning the table or sorting it', () => {
  const plan = ({ sql, params }: { sql: string; params: unknown[] }) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n')
  const cursors = {
    first: null,
    'before the range ends': { at: NOW + 10, id: 7 },
    'after it ends': { at: NOW + 2 * DAY, id: 9 },
    'before it starts': { at: NOW - DAY, id: 3 },
  }
  const shapes = { all: {}, agent: { agentId: 3 }, range: { from: NOW, to: NOW + DAY }, 'agent and range': { agentId: 3, from: NOW, to: NOW + DAY } }
  for (const order of ['newest_first', 'oldest_first'] as const) {
    for (const [shape, filters] of Object.entries(shapes)) {
      for (const [position, cursor] of Object.entries(cursors)) {
        const page = plan(logPageQuery(filters, cursor, 50, order))
        const name = `${order}, ${shape}, ${position}`
        // The first page of the whole log walks the time index from one end: SQLite calls that a SCAN, stopped by the LIMIT.
        expect(page, name).toMatch('agentId' in filters ? /SEARCH a USING PRIMARY KEY \(agent_id=\?/ : /(SEARCH|SCAN) l USING INDEX assignment_log_at/)
        expect(page, name).not.toMatch(/TEMP B-TREE|SCAN \w+$/m)
      }
    }
  }
  expect(plan({ sql: 'DELETE FROM assignment_log WHERE at < ?', params: [1] })).toMatch(/USING (COVERING )?INDEX assignment_log_at/)
})

it('copies a long log newest first: the newest page at once, older pages down to what was held, each with its cursors, nothing twice', () => {
  const since = NOW - 30 * DAY
  const run = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => record(from - i, NOW - (100 - from + i)))
  jobs.run({ kind: 'assignment-log', records: run(3, 1).reverse(), after: 3, since }, null)
  // Long offline: the newest page is kept first, what lies between it and id 3 is left for older pages.
  expect(jobs.run({ kind: 'assignment-log-newest', page: { records: run(10, 9), before: 9, hasMore: true }, since }, null)).toBe(2)
  expect(readLogAfter(db)).toBe(10)
  expect(readLogOlder(db)).toEqual({ before: 9, floor: 3 })
  expect(readLogPage(db, null, 50).copyingOlder).toBe(true)
  // A page asked again after a lost answer changes nothing.
  expect(jobs.run({ kind: 'assignment-log-newest', page: { records: run(10, 9), before: 9, hasMore: true }, since }, null)).toBe(0)
  expect(readLogOlder(db)).toEqual({ before: 9, floor: 3 })
  expect(jobs.run({ kind: 'assignment-log-older', page: { records: run(8, 7), before: 7, hasMore: true }, since }, null)).toBe(2)
  expect(readLogOlder(db)).toEqual({ before: 7, floor: 3 })
  // The page reaching what was held ends the older pages; what it repeats is not counted.
  expect(jobs.run({ kind: 'assignment-log-older', page: { records: run(6, 2), before: 2, hasMore: true }, since }, null)).toBe(3)
  expect(readLogOlder(db)).toBeNull()
  expect(readLogPage(db, null, 50)).toMatchObject({ copyingOlder: false })
  expect(readLogPage(db, null, 50).entries.map((e) => e.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
})

it('says older hand-offs are still coming only to a view they can land in: not to one starting after the stretch already read', () => {
  const since = NOW - 30 * DAY
  jobs.run({ kind: 'assignment-log', records: [record(1, NOW - 5 * DAY)], after: 1, since }, null)
  jobs.run({ kind: 'assignment-log-newest', page: { records: [record(9, NOW), record(8, NOW - DAY)], before: 8, hasMore: true }, since }, null)
  expect(readLogOlder(db)).toEqual({ before: 8, floor: 1 })
  // Ids 2 to 7 are still to come, none of them newer than id 8's day.
  expect(readLogPage(db, null, 50, { from: NOW - DAY + 1 }).copyingOlder).toBe(false)
  expect(readLogPage(db, null, 50, { from: NOW - DAY + 1, agentId: 3 }).copyingOlder).toBe(false)
  expect(readLogPage(db, null, 50, { from: NOW - DAY }).copyingOlder).toBe(true)
  expect(readLogPage(db, null, 50, { from: NOW - 2 * DAY, to: NOW - DAY }).copyingOlder).toBe(true)
  expect(readLogPage(db, null, 50, { to: NOW }).copyingOlder).toBe(true)
  // Read on past the stretch's end (an entry gone meanwhile), the answer is the same.
  expect(readLogPage(db, 7, 50, { from: NOW - DAY + 1 }).copyingOlder).toBe(false)
})

it('ends the older pages at the window start or the first record, and reads them forward instead when the server stops reading newest first', () => {
  const since = NOW - 30 * DAY
  jobs.run({ kind: 'assignment-log-newest', page: { records: [record(50, NOW), record(49, NOW - 1)], before: 49, hasMore: true }, since }, null)
  expect(readLogOlder(db)).toEqual({ before: 49, floor: 0 })
  // A page reaching past the window's start: nothing below it is kept, so nothing below it is read.
  expect(jobs.run({ kind: 'assignment-log-older', page: { records: [record(48, since), record(47, since - 1)], before: 47, hasMore: true }, since }, null)).toBe(1)
  expect(readLogOlder(db)).toBeNull()

  clearLog(db)
  jobs.run({ kind: 'assignment-log-newest', page: { records: [record(5, NOW)], before: 5, hasMore: true }, since }, null)
  jobs.run({ kind: 'assignment-log-older', page: { records: [record(4, NOW - 1)], before: 4, hasMore: false }, since }, null)
  expect(readLogOlder(db)).toBeNull()

  clearLog(db)
  jobs.run({ kind: 'assignment-log', records: [record(1, NOW - 2)], after: 1, since }, null)
  jobs.run({ kind: 'assignment-log-newest', page: { records: [record(9, NOW)], before: 9, hasMore: true }, since }, null)
  jobs.run({ kind: 'assignment-log-oldest-first' }, null)
  // Forward again from what was held before the newest page: ids 2 to 8 come that way.
  expect(readLogAfter(db)).toBe(1)
  expect(readLogOlder(db)).toBeNull()
})
