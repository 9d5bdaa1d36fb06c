/**
 * Log History in the cache (see migration 0140): the server's hand-off records, written by the
 * sync's writer, read newest first for the page.
 */
import type { Database } from 'better-sqlite3'
import type { AssignmentRecord } from '../../../../shared/api'
import type { ChannelKind } from '../../../../shared/domain'
import { LogAction, type LogEntry, type LogFilters, type LogOrder, type LogPage } from '../../../../shared/ipc'
import { frag, joinFragments, stmt, type SqlFragment } from './statements'

/** The highest record id copied so far: the next pull asks for what comes after it. */
export function readLogAfter(db: Database): number {
  return (stmt(db, 'SELECT log_after FROM sync_state WHERE id = 1').get() as { log_after: number }).log_after
}

/** Older records still to copy (migration 0280): those with ids below `before` and above `floor`. */
export interface LogOlder {
  before: number
  floor: number
}

/** What of the log is still to be copied below its newest pages; null when nothing is. */
export function readLogOlder(db: Database): LogOlder | null {
  const row = stmt(db, 'SELECT log_older_before AS before, log_older_floor AS floor FROM sync_state WHERE id = 1').get() as { before: number | null; floor: number }
  return row.before === null ? null : { before: row.before, floor: row.floor }
}

/**
 * Keeps the records and moves the log's cursor, inside the caller's transaction; records older
 * than `since` are not kept (the window). Answers how many were new.
 */
export function addLogEntries(db: Database, records: readonly AssignmentRecord[], after: number, since: number): number {
  const added = keepRecords(db, records, since)
  stmt(db, 'UPDATE sync_state SET log_after = MAX(log_after, ?) WHERE id = 1').run(after)
  return added
}

/** A page read newest first: where the next older one ends, and whether the log holds older records. */
export interface OlderPage {
  records: readonly AssignmentRecord[]
  before: number
  hasMore: boolean
}

/**
 * The newest page of a log whose copy fell more than a page behind, inside the caller's
 * transaction: kept at once, with the log's cursor moved past it, and what lies between it and
 * what was copied before left for the older pages (addOlderLogEntries). Answers how many were new.
 */
export function addNewestLogEntries(db: Database, page: OlderPage, since: number): number {
  const floor = readLogAfter(db)
  const pending = readLogOlder(db) !== null
  const added = keepRecords(db, page.records, since)
  const newest = Math.max(floor, ...page.records.map((record) => record.id))
  stmt(db, 'UPDATE sync_state SET log_after = MAX(log_after, ?) WHERE id = 1').run(newest)
  // Run again (a replayed job), the stretch it left is still to come: taking the new cursor as its floor would drop it.
  if (pending) return added
  stmt(db, 'UPDATE sync_state SET log_older_floor = ? WHERE id = 1').run(floor)
  setOlderBefore(db, page, floor, since)
  return added
}

/** A page below the newest, inside the caller's transaction, and the older cursor past it. Answers how many were new. */
export function addOlderLogEntries(db: Database, page: OlderPage, since: number): number {
  const older = readLogOlder(db)
  if (older === null) return 0
  const added = keepRecords(
    db,
    page.records.filter((record) => record.id > older.floor),
    since,
  )
  setOlderBefore(db, page, older.floor, since)
  return added
}

/** Older pages are read forward instead: the log's cursor goes back to below them. */
export function forgetLogOlder(db: Database): void {
  stmt(db, 'UPDATE sync_state SET log_after = MIN(log_after, log_older_floor), log_older_before = NULL WHERE id = 1 AND log_older_before IS NOT NULL').run()
}

/**
 * Older pages are done once they reach what was copied before, the log's first record, or the
 * window's start: ids follow time, so below a record too old to keep every one is too old.
 */
function setOlderBefore(db: Database, page: OlderPage, floor: number, since: number): void {
  const done = !page.hasMore || page.before <= floor + 1 || page.records.some((record) => record.at < since)
  stmt(db, 'UPDATE sync_state SET log_older_before = ? WHERE id = 1').run(done ? null : page.before)
}

function keepRecords(db: Database, records: readonly AssignmentRecord[], since: number): number {
  const insert = stmt(
    db,
    `INSERT OR IGNORE INTO assignment_log (id, conversation_id, action, by_agent_id, from_agent_id, to_agent_id, at)
     VALUES (@id, @conversationId, @action, @byAgentId, @fromAgentId, @toAgentId, @at)`,
  )
  let added = 0
  for (const record of records) if (record.at >= since) added += insert.run(record).changes
  return added
}

/** Entries older than the window leave, as their resolved conversations do. Answers how many. */
export function pruneLog(db: Database, since: number): number {
  return stmt(db, 'DELETE FROM assignment_log WHERE at < ?').run(since).changes
}

/** Another dataset: its log starts over from the first record. */
export function clearLog(db: Database): void {
  stmt(db, 'DELETE FROM assignment_log').run()
  stmt(db, 'UPDATE sync_state SET log_after = 0, log_older_before = NULL, log_older_floor = 0 WHERE id = 1').run()
}

interface LogRow {
  id: number
  conversation_id: number
  action: string
  by_agent_id: number
  from_agent_id: number | null
  to_agent_id: number
  at: number
  ticket_no: number | null
  customer_name: string | null
  customer_handle: string | null
  channel: string | null
}

/** Where a page reads on from: the last entry of the page before it. */
interface LogCursor {
  at: number
  id: number
}

/**
 * The SQL for one page, newest first by time (the id breaks ties), or oldest first, after `cursor`
 * in that order when given. Every shape walks one index in that order and stops at the page's
 * end: with an agent, that agent's own (migration 0150); without one, the log's index on time. A
 * range of time bounds the walk; of the cursor and the range's end the walk starts from (its end
 * newest first, its start oldest first), only the nearer is given, so the index is entered there
 * rather than at the other one with it as a filter.
 */
export function logPageQuery(filters: LogFilters, cursor: LogCursor | null, limit: number, order: LogOrder = 'newest_first'): SqlFragment {
  const byAgent = filters.agentId !== undefined
  const [at, id] = byAgent ? ['a.at', 'a.log_id'] : ['l.at', 'l.id']
  const newest = order === 'newest_first'
  // Where the walk starts and where it stops, as bounds on time: `to` is exclusive, `from` inclusive.
  const [start, stop] = newest ? [filters.to, filters.from] : [filters.from, filters.to]
  const startBound = newest ? `${at} < ?` : `${at} >= ?`
  const stopBound = newest ? `${at} >= ?` : `${at} < ?`
  const where: SqlFragment[] = byAgent ? [frag('a.agent_id = ?', filters.agentId)] : []
  if (cursor && (start === undefined || (newest ? cursor.at < start : cursor.at >= start))) where.push(frag(`(${at}, ${id}) ${newest ? '<' : '>'} (?, ?)`, cursor.at, cursor.id))
  else if (start !== undefined) where.push(frag(startBound, start))
  if (stop !== undefined) where.push(frag(stopBound, stop))
  const conditions = where.length > 0 ? joinFragments(where, ' AND ') : frag('1')
  const direction = newest ? 'DESC' : 'ASC'
  return {
    sql: `SELECT l.*, c.ticket_no, c.channel, cu.name AS customer_name, cu.handle AS customer_handle
     FROM ${byAgent ? 'assignment_log_agents a JOIN assignment_log l ON l.id = a.log_id' : 'assignment_log l'}
     LEFT JOIN conversations c ON c.id = l.conversation_id
     LEFT JOIN customers cu ON cu.id = c.customer_id
     WHERE ${conditions.sql}
     ORDER BY ${at} ${direction}, ${id} ${direction}
     LIMIT ?`,
    params: [...conditions.params, limit + 1],
  }
}

/**
 * One page newest first (or oldest first), after the entry `before` in that order when given,
 * with the chat as the cache holds it. An entry gone from the cache since it ended a page left
 * with the window, and everything older went with it: newest first nothing is below it, oldest
 * first every entry kept comes after it.
 */
export function readLogPage(db: Database, before: number | null, limit: number, filters: LogFilters = {}, order: LogOrder = 'newest_first'): LogPage {
  let cursor: LogCursor | null = null
  if (before !== null) {
    const at = stmt(db, 'SELECT at FROM assignment_log WHERE id = ?').pluck().get(before) as number | undefined
    if (at === undefined && order === 'newest_first') return { entries: [], nextBefore: null, copyingOlder: copyingOlderInto(db, filters.from) }
    cursor = at === undefined ? null : { at, id: before }
  }
  const { sql, params } = logPageQuery(filters, cursor, limit, order)
  const rows = stmt(db, sql).all(...params) as LogRow[]
  const entries = rows.slice(0, limit).map(toEntry)
  return { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null, copyingOlder: copyingOlderInto(db, filters.from) }
}

/**
 * Whether hand-offs still to be copied can land in a view starting at `from`. They are all below
 * the stretch already read newest first, so (ids following time, as setOlderBefore assumes) none
 * is newer than that stretch's oldest entry: a view of today is whole while last week still copies.
 */
function copyingOlderInto(db: Database, from: number | undefined): boolean {
  const older = readLogOlder(db)
  if (older === null || from === undefined) return older !== null
  const edge = stmt(db, 'SELECT at FROM assignment_log WHERE id >= ? ORDER BY id LIMIT 1').pluck().get(older.before) as number | undefined
  return edge === undefined || from <= edge
}

function toEntry(row: LogRow): LogEntry {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    action: LogAction.parse(row.action),
    byAgentId: row.by_agent_id,
    fromAgentId: row.from_agent_id,
    toAgentId: row.to_agent_id,
    at: row.at,
    conversation:
      row.ticket_no === null
        ? null
        : { ticketNo: row.ticket_no, customerName: row.customer_name ?? '', customerHandle: row.customer_handle ?? '', channel: row.channel as ChannelKind },
  }
}
