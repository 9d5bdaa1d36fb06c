import type { Database } from 'better-sqlite3'
import type { Conversation } from '../../../../shared/domain'
import type { Filters, Tab, TabCounts } from '../../../../shared/ipc'
import { conversationFromRow, conversationToParams, type ConversationRow } from '../rows'
import { filterConditions, tabCondition, TAB_ORDER, whereClause } from './conversation-filters'
import { frag, stmt } from './statements'

const SELECT_ROW = `
  SELECT c.*, COALESCE(cu.name, '') AS customer_name, COALESCE(cu.handle, '') AS customer_handle,
    (SELECT group_concat(cl.label_id) FROM conversation_labels cl WHERE cl.conversation_id = c.id) AS label_ids
  FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id`

const UPSERT = `
  INSERT INTO conversations (id, ticket_no, customer_id, channel_id, channel, type, status, agent_id,
    last_agent_id, created_at, queued_at, wait_since, updated_at, resolved_at, last_message_text,
    last_message_at, last_message_direction, unread, version)
  VALUES (@id, @ticket_no, @customer_id, @channel_id, @channel, @type, @status, @agent_id,
    @last_agent_id, @created_at, @queued_at, @wait_since, @updated_at, @resolved_at, @last_message_text,
    @last_message_at, @last_message_direction, @unread, @version)
  ON CONFLICT (id) DO UPDATE SET
    ticket_no = excluded.ticket_no, customer_id = excluded.customer_id, channel_id = excluded.channel_id,
    channel = excluded.channel, type = excluded.type, status = excluded.status, agent_id = excluded.agent_id,
    last_agent_id = excluded.last_agent_id, created_at = excluded.created_at, queued_at = excluded.queued_at,
    wait_since = excluded.wait_since, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at,
    last_message_text = excluded.last_message_text, last_message_at = excluded.last_message_at,
    last_message_direction = excluded.last_message_direction, unread = excluded.unread,
    version = excluded.version
  WHERE excluded.version >= conversations.version`

/**
 * Idempotent upsert that never lets an older version overwrite a newer one. Returns the ids that
 * actually changed, so callers only announce real changes. Run inside the caller's transaction.
 */
export function upsertConversations(db: Database, conversations: readonly Conversation[]): number[] {
  const changed: number[] = []
  for (const c of conversations) {
    if (stmt(db, UPSERT).run(conversationToParams(c)).changes === 0) continue
    changed.push(c.id)
    stmt(
      db,
      'INSERT INTO customers (id, name, handle) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, handle = excluded.handle',
    ).run(c.customer.id, c.customer.name, c.customer.handle)
    stmt(db, 'DELETE FROM conversation_labels WHERE conversation_id = ?').run(c.id)
    for (const labelId of new Set(c.labelIds)) {
      stmt(db, 'INSERT INTO conversation_labels (label_id, conversation_id) VALUES (?, ?)').run(labelId, c.id)
    }
  }
  return changed
}

export function getConversation(db: Database, id: number): { conversation: Conversation; messagesLoadedAt: number | null } | null {
  const row = stmt(db, `${SELECT_ROW} WHERE c.id = ?`).get(id) as ConversationRow | undefined
  return row ? { conversation: conversationFromRow(row), messagesLoadedAt: row.messages_loaded_at } : null
}

/** The sort key of a row in a tab's order, plus its id: enough to resume right after it. */
export interface Keyset {
  key: number
  id: number
}

export interface ListArgs {
  tab: Tab
  filters: Filters
  after: Keyset | null
  limit: number
}

export interface ListResult {
  rows: Conversation[]
  /** Keyset of the last row when more rows follow, else null. */
  next: Keyset | null
}

export function listConversations(db: Database, args: ListArgs): ListResult {
  const { sql, params } = listConversationsSql(args)
  const raw = stmt(db, sql).all(...params) as ConversationRow[]
  const page = raw.slice(0, args.limit)
  const last = page.at(-1)
  const column = TAB_ORDER[args.tab].column
  return {
    rows: page.map(conversationFromRow),
    next: raw.length > args.limit && last ? { key: last[column], id: last.id } : null,
  }
}

/** The SQL of one page (exported so tests can EXPLAIN QUERY PLAN exactly what runs). */
export function listConversationsSql(args: ListArgs): { sql: string; params: unknown[] } {
  const order = TAB_ORDER[args.tab]
  const col = `c.${order.column}`
  const cmp = order.direction === 'asc' ? '>' : '<'
  const keyset = args.after ? frag(`(${col}, c.id) ${cmp} (?, ?)`, args.after.key, args.after.id) : null
  const where = whereClause([tabCondition(args.tab), ...filterConditions(args.filters), keyset])
  const dir = order.direction.toUpperCase()
  return {
    sql: `${SELECT_ROW} ${where.sql} ORDER BY ${col} ${dir}, c.id ${dir} LIMIT ?`,
    params: [...where.params, args.limit + 1],
  }
}

export function countConversations(db: Database, filters: Filters = {}): TabCounts {
  const conditions = filterConditions(filters)
  const rows =
    conditions.length === 0
      ? (stmt(db, 'SELECT status, n FROM conversation_counts').all() as { status: string; n: number }[])
      : countByStatus(db, filters)
  const counts: TabCounts = { all: 0, in_queue: 0, handled: 0 }
  for (const { status, n } of rows) {
    counts.all += n
    if (status === 'in_queue' || status === 'handled') counts[status] = n
  }
  return counts
}

function countByStatus(db: Database, filters: Filters): { status: string; n: number }[] {
  const where = whereClause(filterConditions(filters))
  return stmt(db, `SELECT c.status AS status, count(*) AS n FROM conversations c ${where.sql} GROUP BY c.status`).all(
    ...where.params,
  ) as { status: string; n: number }[]
}

export function conversationIds(db: Database): number[] {
  return (stmt(db, 'SELECT id FROM conversations ORDER BY id').all() as { id: number }[]).map((r) => r.id)
}

/** Drops every cached conversation and what hangs off it (not workspace, sync state or other tables). */
export function deleteAllConversations(db: Database): void {
  db.exec(`
    DELETE FROM message_attachments; DELETE FROM messages; DELETE FROM conversation_labels;
    DELETE FROM conversations; DELETE FROM customers;`)
}

/** Resolved conversations that aged out of the retention window; returns the ids removed. */
export function pruneResolved(db: Database, resolvedBefore: number): number[] {
  const ids = (
    stmt(db, "SELECT id FROM conversations WHERE status = 'resolved' AND resolved_at < ?").all(resolvedBefore) as { id: number }[]
  ).map((r) => r.id)
  for (const id of ids) {
    stmt(db, 'DELETE FROM message_attachments WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)').run(id)
    stmt(db, 'DELETE FROM messages WHERE conversation_id = ?').run(id)
    stmt(db, 'DELETE FROM conversation_labels WHERE conversation_id = ?').run(id)
    stmt(db, 'DELETE FROM conversations WHERE id = ?').run(id)
  }
  return ids
}
