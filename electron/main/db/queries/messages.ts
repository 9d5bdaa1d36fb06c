import type { Database } from 'better-sqlite3'
import type { Message } from '../../../../shared/domain'
import { attachmentToRow, messageFromRow, messageToRow, type AttachmentRow, type MessageRow } from '../rows'
import { refreshSearchDoc } from './search-index'
import { stmt } from './statements'

/** Messages are immutable on the server, so an upsert by id is idempotent. Returns the thread ids touched. */
export function upsertMessages(db: Database, messages: readonly Message[]): number[] {
  const threads = new Set<number>()
  for (const m of messages) {
    stmt(
      db,
      `INSERT INTO messages (id, conversation_id, direction, sender_kind, sender_name, sender_agent_id, text, created_at)
       VALUES (@id, @conversation_id, @direction, @sender_kind, @sender_name, @sender_agent_id, @text, @created_at)
       ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, direction = excluded.direction,
         sender_kind = excluded.sender_kind, sender_name = excluded.sender_name,
         sender_agent_id = excluded.sender_agent_id, text = excluded.text, created_at = excluded.created_at`,
    ).run(messageToRow(m))
    stmt(db, 'DELETE FROM message_attachments WHERE message_id = ?').run(m.id)
    m.attachments.forEach((a, position) => {
      stmt(
        db,
        'INSERT INTO message_attachments (message_id, position, name, mime, size, url) VALUES (@message_id, @position, @name, @mime, @size, @url)',
      ).run(attachmentToRow(m.id, position, a))
    })
    threads.add(m.conversationId)
  }
  // Cached message text is searchable: each touched thread's document is written again.
  for (const id of threads) refreshSearchDoc(db, id)
  return [...threads]
}

/** Oldest first. */
export function listThread(db: Database, conversationId: number): Message[] {
  const rows = stmt(db, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, id').all(conversationId) as MessageRow[]
  if (rows.length === 0) return []
  const attachments = stmt(
    db,
    `SELECT a.* FROM message_attachments a JOIN messages m ON m.id = a.message_id
     WHERE m.conversation_id = ? ORDER BY a.message_id, a.position`,
  ).all(conversationId) as AttachmentRow[]
  const byMessage = new Map<number, AttachmentRow[]>()
  for (const a of attachments) {
    const list = byMessage.get(a.message_id) ?? []
    list.push(a)
    byMessage.set(a.message_id, list)
  }
  return rows.map((row) => messageFromRow(row, byMessage.get(row.id) ?? []))
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
