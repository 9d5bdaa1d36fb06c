import type { Database } from 'better-sqlite3'
import type { Message } from '../../../../shared/domain'
import { searchTerms, searchWords, wordFoundBy } from '../../../../shared/domain/search'
import type { CachedMessage } from '../../../../shared/ipc/contract'
import { attachmentToRow, messageFromRow, messageToRow, type AttachmentRow, type MessageRow } from '../rows'
import { messageTimeUnclear, settleThreadTimes } from '../unclear-message-times'
import type { TimeJudge } from '../unclear-times'
import { refreshSearchDoc } from './search-index'
import { stmt } from './statements'

/**
 * Messages are immutable on the server, so an upsert by id is idempotent. `times`, the server's
 * clock at the write, judges each message's time (unclear-message-times.ts); left out (tests and
 * tools writing made-up rows), times are written as they come. Returns the thread ids touched.
 */
export function upsertMessages(db: Database, messages: readonly Message[], times?: TimeJudge): number[] {
  const threads = new Map<number, Message[]>()
  for (const m of messages) {
    const thread = threads.get(m.conversationId)
    if (thread) thread.push(m)
    else threads.set(m.conversationId, [m])
  }
  for (const thread of threads.values()) {
    // A time that cannot be right takes its place from the thread's other messages.
    if (times && thread.some((m) => messageTimeUnclear(m, times.now))) {
      for (const { message, unclearAt } of settleThreadTimes(db, thread, times)) writeMessage(db, message, unclearAt)
    } else for (const m of thread) writeMessage(db, m, null)
  }
  // Cached message text is searchable: each touched thread's document is written again.
  for (const id of threads.keys()) refreshSearchDoc(db, id)
  return [...threads.keys()]
}

/**
 * A message kept in place of a time that could not be right stays there when the server sends that
 * time again, even once it is clear (a channel's clock minutes ahead, read again later): a place
 * that moved would shift the thread's pages under the supervisor. A clear time never equals the
 * unclear one held, so a settled write's place (unclear-message-times.ts) goes in as given.
 */
function writeMessage(db: Database, m: Message, unclearAt: number | null): void {
  stmt(
    db,
    `INSERT INTO messages (id, conversation_id, direction, sender_kind, sender_name, sender_agent_id, text, created_at, unclear_at, event)
     VALUES (@id, @conversation_id, @direction, @sender_kind, @sender_name, @sender_agent_id, @text, @created_at, @unclear_at, @event)
     ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, direction = excluded.direction,
       sender_kind = excluded.sender_kind, sender_name = excluded.sender_name,
       sender_agent_id = excluded.sender_agent_id, text = excluded.text, event = excluded.event,
       created_at = CASE WHEN messages.unclear_at = excluded.created_at THEN messages.created_at ELSE excluded.created_at END,
       unclear_at = CASE WHEN messages.unclear_at = excluded.created_at THEN messages.unclear_at ELSE excluded.unclear_at END`,
  ).run(messageToRow(m, unclearAt))
  stmt(db, 'DELETE FROM message_attachments WHERE message_id = ?').run(m.id)
  m.attachments.forEach((a, position) => {
    stmt(
      db,
      'INSERT INTO message_attachments (message_id, position, name, mime, size, url) VALUES (@message_id, @position, @name, @mime, @size, @url)',
    ).run(attachmentToRow(m.id, position, a))
  })
}

/** A thread's newest messages, oldest first, and whether the cache holds older ones than those. */
export interface ThreadWindow {
  messages: CachedMessage[]
  earlierCached: boolean
}

/**
 * The newest `newest` messages of a thread. A long thread is read as far as the supervisor has
 * scrolled back, not whole: at thousands of messages a whole read took seconds at every change.
 */
export function listThread(db: Database, conversationId: number, newest: number): ThreadWindow {
  const rows = stmt(db, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(conversationId, newest + 1) as MessageRow[]
  const earlierCached = rows.length > newest
  if (earlierCached) rows.pop()
  rows.reverse()
  return { messages: withAttachments(db, rows), earlierCached }
}

/**
 * The newest `newest` messages of a thread older than its message `before`, and whether the cache
 * holds older ones than those: a page further back than what the page shows, without what it shows.
 */
export function listBefore(db: Database, conversationId: number, before: number, newest: number): ThreadWindow {
  const rows = stmt(
    db,
    `SELECT m.* FROM messages m, (SELECT created_at, id FROM messages WHERE id = ? AND conversation_id = ?) f
     WHERE m.conversation_id = ? AND (m.created_at, m.id) < (f.created_at, f.id) ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
  ).all(before, conversationId, conversationId, newest + 1) as MessageRow[]
  const earlierCached = rows.length > newest
  if (earlierCached) rows.pop()
  rows.reverse()
  return { messages: withAttachments(db, rows), earlierCached }
}

/** The rows as messages, each with its files. */
function withAttachments(db: Database, rows: MessageRow[]): CachedMessage[] {
  if (rows.length === 0) return []
  const attachments = stmt(
    db,
    `SELECT a.* FROM message_attachments a WHERE a.message_id IN (SELECT value FROM json_each(?))
     ORDER BY a.message_id, a.position`,
  ).all(JSON.stringify(rows.map((row) => row.id))) as AttachmentRow[]
  const byMessage = new Map<number, AttachmentRow[]>()
  for (const a of attachments) {
    const list = byMessage.get(a.message_id) ?? []
    list.push(a)
    byMessage.set(a.message_id, list)
  }
  return rows.map((row) => messageFromRow(row, byMessage.get(row.id) ?? []))
}

/** The thread's messages newer than the message `after` (which must be the thread's), oldest first. */
export function listNewer(db: Database, conversationId: number, after: number): CachedMessage[] {
  const rows = stmt(
    db,
    `SELECT m.* FROM messages m, (SELECT created_at, id FROM messages WHERE id = ? AND conversation_id = ?) f
     WHERE m.conversation_id = ? AND (m.created_at, m.id) > (f.created_at, f.id) ORDER BY m.created_at, m.id`,
  ).all(after, conversationId, conversationId) as MessageRow[]
  return withAttachments(db, rows)
}

/** Whether the cache holds messages of the thread older than its message `from`. */
export function hasOlder(db: Database, conversationId: number, from: number): boolean {
  return (
    stmt(
      db,
      `SELECT EXISTS (SELECT 1 FROM messages m, (SELECT created_at, id FROM messages WHERE id = ? AND conversation_id = ?) f
       WHERE m.conversation_id = ? AND (m.created_at, m.id) < (f.created_at, f.id))`,
    )
      .pluck()
      .get(from, conversationId, conversationId) === 1
  )
}

/**
 * How many of a thread's newest messages it takes to hold the newest one in which a word begins
 * with a word of the search (as the page marks them), up to `most`; null when none of those does.
 */
export function reachOfSearch(db: Database, conversationId: number, search: string, most: number): number | null {
  const terms = searchTerms(search)
  if (terms.length === 0) return null
  let count = 0
  for (const text of stmt(db, 'SELECT text FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').pluck().iterate(conversationId, most)) {
    count++
    if (searchWords(text as string).some((word) => terms.some((term) => wordFoundBy(word, term)))) return count
  }
  return null
}

/** How many of a thread's messages are as new as the message `from` or newer; null when it is not the thread's. */
export function countFrom(db: Database, conversationId: number, from: number): number | null {
  const count = stmt(
    db,
    `SELECT count(*) FROM messages m, (SELECT created_at, id FROM messages WHERE id = ? AND conversation_id = ?) f
     WHERE m.conversation_id = ? AND (m.created_at, m.id) >= (f.created_at, f.id)`,
  )
    .pluck()
    .get(from, conversationId, conversationId) as number
  return count === 0 ? null : count
}

/** The server's id of the oldest cached message of a thread: where a fetch of earlier ones starts. */
export function oldestMessageId(db: Database, conversationId: number): number | null {
  return stmt(db, 'SELECT min(id) FROM messages WHERE conversation_id = ?').pluck().get(conversationId) as number | null
}

/** Says whether the server holds messages older than those fetched of the thread so far. */
export function markEarlierOnServer(db: Database, conversationId: number, earlier: boolean): void {
  stmt(db, 'UPDATE conversations SET messages_earlier = ? WHERE id = ?').run(earlier ? 1 : 0, conversationId)
}

export function markThreadLoaded(db: Database, conversationId: number, at: number): void {
  stmt(db, 'UPDATE conversations SET messages_loaded_at = ? WHERE id = ?').run(at, conversationId)
}

/**
 * Marks every cached thread as not cached (its messages stay) and returns their ids: a bootstrap
 * that starts over resumes the feed from its own cursor, so the messages written between the old
 * cursor and that one never come. Opened again, a thread is read whole.
 */
export function forgetLoadedThreads(db: Database): number[] {
  return stmt(db, 'UPDATE conversations SET messages_loaded_at = NULL WHERE messages_loaded_at IS NOT NULL RETURNING id').pluck().all() as number[]
}

/** Live message changes are kept only for threads already cached; others would look complete but not be. */
export function loadedThreadIds(db: Database, conversationIds: readonly number[]): Set<number> {
  const loaded = new Set<number>()
  for (const id of new Set(conversationIds)) {
    const row = stmt(db, 'SELECT messages_loaded_at FROM conversations WHERE id = ?').get(id) as
      | { messages_loaded_at: number | null }
      | undefined
    if (row?.messages_loaded_at != null) loaded.add(id)
  }
  return loaded
}
