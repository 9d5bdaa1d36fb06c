import type { Database } from 'better-sqlite3'
import { timeUnclear, type Conversation } from '../../../../shared/domain'
import type { CachedConversation } from '../../../../shared/ipc/contract'
import { CONVERSATION_FIELDS, conversationFromRow, conversationToParams, type ConversationFields, type ConversationRow } from '../rows'
import { describeFinding, hasUnclearTime, settleTimes, type HeldTimes, type TimeJudge } from '../unclear-times'
import { clearSearchDocs, writeSearchDoc } from './search-index'
import { stmt } from './statements'

export { countConversations } from './conversation-counts'
export { listConversations, listConversationsSql, type Keyset, type ListArgs, type ListResult } from './conversation-list'

/** One conversation as a page shows it, and whether its thread is cached. */
const SELECT_ONE = `SELECT ${CONVERSATION_FIELDS}, c.messages_loaded_at, c.messages_earlier FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id`

const UPSERT = `
  INSERT INTO conversations (id, ticket_no, customer_id, channel_id, channel, type, status, agent_id,
    last_agent_id, created_at, queued_at, wait_since, updated_at, resolved_at, last_message_text,
    last_message_at, last_message_direction, awaiting_since, awaiting_known, unclear_times, unread, version, rev, customer_sort, label_set)
  VALUES (@id, @ticket_no, @customer_id, @channel_id, @channel, @type, @status, @agent_id,
    @last_agent_id, @created_at, @queued_at, @wait_since, @updated_at, @resolved_at, @last_message_text,
    @last_message_at, @last_message_direction, CASE WHEN @last_message_direction = 'in' THEN @awaiting_from END,
    CASE WHEN @last_message_direction IS NOT 'in' OR @followed = 1 OR @last_message_at <= @created_at THEN 1 ELSE 0 END,
    @unclear_times, @unread, @version, @rev, @customer_sort, @label_set)
  ON CONFLICT (id) DO UPDATE SET
    ticket_no = excluded.ticket_no, customer_id = excluded.customer_id, channel_id = excluded.channel_id,
    channel = excluded.channel, type = excluded.type, status = excluded.status, agent_id = excluded.agent_id,
    last_agent_id = excluded.last_agent_id, created_at = excluded.created_at, queued_at = excluded.queued_at,
    wait_since = excluded.wait_since, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at,
    last_message_text = excluded.last_message_text, last_message_at = excluded.last_message_at,
    last_message_direction = excluded.last_message_direction, unclear_times = excluded.unclear_times, unread = excluded.unread,
    awaiting_since = CASE WHEN excluded.last_message_direction = 'in' THEN
      CASE WHEN conversations.last_message_direction = 'in' AND @replied = 0
             AND (@followed = 1 OR conversations.last_message_at = excluded.last_message_at)
           THEN COALESCE(conversations.awaiting_since, conversations.last_message_at)
           ELSE @awaiting_from END END,
    awaiting_known = CASE
      WHEN excluded.last_message_direction IS NOT 'in' OR excluded.last_message_at <= excluded.created_at THEN 1
      WHEN @followed = 1 THEN CASE WHEN @replied = 1 THEN 1 ELSE conversations.awaiting_known END
      WHEN conversations.last_message_direction = 'in' AND conversations.last_message_at = excluded.last_message_at
        THEN conversations.awaiting_known
      ELSE 0 END,
    version = excluded.version, rev = excluded.rev, customer_sort = excluded.customer_sort,
    label_set = excluded.label_set
  WHERE excluded.version >= conversations.version`

const UPSERT_CUSTOMER =
  'INSERT INTO customers (id, name, handle) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, handle = excluded.handle'

/** The local change counter: every write through upsertConversations gets the next one (see conversation-list). */
export function nextRev(db: Database): number {
  return (stmt(db, 'UPDATE sync_state SET rev = rev + 1 WHERE id = 1 RETURNING rev').get() as { rev: number }).rev
}

/**
 * What the changes of one batch say of a conversation's wait for an answer, read from each of its
 * versions in the batch, not only the newest that is written: whether an agent answered (an "out"
 * last message), and when the customer first wrote after that (else in the batch at all).
 */
export interface AwaitingHint {
  replied: boolean
  /** The first customer message after the batch's last answer, or its first customer message; null when none. */
  from: number | null
}

/**
 * The wait's parameters of the upsert. Followed (a batch of the change feed, which holds every
 * version): with no answer in it, a customer still waiting keeps their first message's time, as
 * sure of it as before; an answer in it makes the new wait's start known. Not followed (a
 * bootstrap, a refetch, an action's answer): only the same last message keeps it, since an answer
 * may have come and gone unseen; otherwise the last message stands in, an estimate
 * (awaiting_known 0, migration 0260) that AwaitingBackfill reads from the thread. A row where
 * nothing waits is known: the next customer message will be seen. So is one whose last message is
 * as old as the conversation (a chat still on its first message): no message comes before it.
 */
function awaitingParams(
  c: Conversation,
  hint: AwaitingHint | undefined,
  now: number | null,
): { awaiting_from: number | null; replied: number; followed: number } {
  const last = c.lastMessage?.at ?? null
  if (!hint) return { awaiting_from: last, replied: 0, followed: 0 }
  // An earlier version's message time is judged like the last one's: one that cannot be right
  // gives way to the last message's time as the cache keeps it.
  const from = hint.from !== null && now !== null && timeUnclear(hint.from, now) ? null : hint.from
  return { awaiting_from: from ?? last, replied: hint.replied ? 1 : 0, followed: 1 }
}

export interface UpsertOptions {
  /** Per conversation, what its versions in a batch of the change feed say of its wait (AwaitingHint). */
  awaiting?: ReadonlyMap<number, AwaitingHint>
  /**
   * The caller knows none of these ids is cached (a bootstrap into an empty cache): skips the
   * label cleanup and the thread lookup, three statements fewer per row.
   */
  fresh?: boolean
  /**
   * The server's clock at the write, by which each time is judged (unclear-times.ts), and where a
   * time found unclear is said, once. Every write of the server's records passes it; left out
   * (tests and tools writing made-up rows), times are written as they come.
   */
  times?: TimeJudge
}

/**
 * Idempotent upsert that never lets an older version overwrite a newer one, keeping labels, the
 * search document and (by trigger) the facet counts in step. Returns the ids that actually
 * changed, so callers only announce real changes. Run inside the caller's transaction.
 */
export function upsertConversations(db: Database, conversations: readonly Conversation[], options: UpsertOptions = {}): number[] {
  const changed: number[] = []
  if (conversations.length === 0) return changed
  const rev = nextRev(db)
  const upsert = stmt(db, UPSERT)
  const customer = stmt(db, UPSERT_CUSTOMER)
  const dropLabels = stmt(db, 'DELETE FROM conversation_labels WHERE conversation_id = ?')
  const addLabel = stmt(db, 'INSERT OR IGNORE INTO conversation_labels (label_id, conversation_id) VALUES (?, ?)')
  const threadCached = stmt(db, 'SELECT messages_loaded_at IS NOT NULL AS loaded FROM conversations WHERE id = ?').pluck()
  const times = options.times ?? null
  // Search documents go in after every other row: a statement with triggers opens a savepoint, at
  // which FTS5 writes out what it holds as a segment of its own. Interleaved, that was a segment
  // per conversation, merged again and again (two thirds of the index's cost on a bootstrap).
  const docs: [Conversation, boolean][] = []
  for (const sent of conversations) {
    const settled = times && hasUnclearTime(sent, times.now) ? settleTimes(sent, times.now, options.fresh ? undefined : heldTimes(db, sent.id)) : null
    const c = settled?.conversation ?? sent
    const params = {
      ...conversationToParams(c, rev),
      unclear_times: settled?.unclear ? JSON.stringify(settled.unclear) : null,
      ...awaitingParams(c, options.awaiting?.get(c.id), times?.now ?? null),
    }
    if (upsert.run(params).changes === 0) continue
    for (const finding of settled?.found ?? []) {
      const { message, data } = describeFinding(finding)
      times?.log('warn', message, data)
    }
    changed.push(c.id)
    customer.run(c.customer.id, c.customer.name, c.customer.handle)
    if (!options.fresh) dropLabels.run(c.id)
    for (const labelId of c.labelIds) addLabel.run(labelId, c.id)
    docs.push([c, !options.fresh && threadCached.get(c.id) === 1])
  }
  for (const [c, withThread] of docs) writeSearchDoc(db, c, withThread)
  return changed
}

function heldTimes(db: Database, id: number): HeldTimes | undefined {
  return stmt(db, 'SELECT created_at, queued_at, updated_at, resolved_at, last_message_at, unclear_times FROM conversations WHERE id = ?').get(id) as
    | HeldTimes
    | undefined
}

export function getConversation(
  db: Database,
  id: number,
): { conversation: CachedConversation; messagesLoadedAt: number | null; earlierOnServer: boolean } | null {
  const row = stmt(db, `${SELECT_ONE} WHERE c.id = ?`).get(id) as (ConversationFields & Pick<ConversationRow, 'messages_loaded_at' | 'messages_earlier'>) | undefined
  return row ? { conversation: conversationFromRow(row), messagesLoadedAt: row.messages_loaded_at, earlierOnServer: row.messages_earlier === 1 } : null
}

export function conversationIds(db: Database): number[] {
  return (stmt(db, 'SELECT id FROM conversations ORDER BY id').all() as { id: number }[]).map((r) => r.id)
}

export function conversationCount(db: Database): number {
  return stmt(db, 'SELECT count(*) FROM conversations').pluck().get() as number
}

/** (id, version) of every cached conversation in id order: what a checksum against the server is made of. */
export function conversationVersions(db: Database): { id: number; version: number }[] {
  return stmt(db, 'SELECT id, version FROM conversations ORDER BY id').all() as { id: number; version: number }[]
}

/** Drops every cached conversation and what hangs off it (not workspace, sync state or other tables). */
export function deleteAllConversations(db: Database): void {
  db.exec(`
    DELETE FROM message_attachments; DELETE FROM messages; DELETE FROM conversation_labels;
    DELETE FROM conversations; DELETE FROM customers;
    DELETE FROM conversation_facets; DELETE FROM conversation_label_facets; UPDATE conversation_counts SET n = 0;
    DELETE FROM conversation_set_facets; DELETE FROM conversation_day_facets; DELETE FROM conversation_hour_facets;`)
  clearSearchDocs(db)
}

/** Removes conversations and what hangs off them; labels go first so the label facets see the row. */
export function deleteConversations(db: Database, ids: readonly number[]): void {
  for (const id of ids) {
    stmt(db, 'DELETE FROM message_attachments WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)').run(id)
    stmt(db, 'DELETE FROM messages WHERE conversation_id = ?').run(id)
    stmt(db, 'DELETE FROM conversation_labels WHERE conversation_id = ?').run(id)
    stmt(db, 'DELETE FROM conversations WHERE id = ?').run(id)
  }
}

/** Resolved conversations that aged out of the retention window; returns the ids removed. */
export function pruneResolved(db: Database, resolvedBefore: number): number[] {
  const ids = stmt(db, "SELECT id FROM conversations WHERE status = 'resolved' AND resolved_at < ?").pluck().all(resolvedBefore) as number[]
  deleteConversations(db, ids)
  return ids
}
