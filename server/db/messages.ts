import type { Message } from '../../shared/domain'
import type { Db } from './connection'
import { toMessage, type ConversationRow, type MessageRow } from './rows'
import { buildThread, type MessageDraft } from './thread'

export class Messages {
  private readonly insertRow
  private readonly pageRows
  private readonly markThread

  constructor(
    private readonly db: Db,
    private readonly agentName: (id: number) => string,
  ) {
    this.insertRow = db.prepare(`INSERT INTO messages
      (conversation_id, direction, sender_kind, sender_name, sender_agent_id, text, event, attachments, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.pageRows = db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
    this.markThread = db.prepare('UPDATE conversations SET thread_ready = 1 WHERE id = ?')
  }

  add(draft: MessageDraft): Message {
    const result = this.insertRow.run(
      draft.conversationId,
      draft.direction,
      draft.sender.kind,
      draft.sender.name,
      draft.sender.agentId,
      draft.text,
      draft.event === undefined ? null : JSON.stringify(draft.event),
      draft.attachments.length === 0 ? null : JSON.stringify(draft.attachments),
      draft.createdAt,
    )
    return { id: Number(result.lastInsertRowid), ...draft }
  }

  /**
   * Seeded conversations get their thread on first need. The thread is part of the seed's baseline,
   * so it goes into no change feed; it must exist before anything is appended to it.
   */
  ensureThread(row: ConversationRow): void {
    if (row.thread_ready === 1) return
    this.db.transaction(() => {
      for (const draft of buildThread(row, this.agentName)) this.add(draft)
      this.markThread.run(row.id)
    })()
    row.thread_ready = 1
  }

  /** Newest first; `before` is the id of the oldest message the caller already has. */
  page(conversationId: number, before: number | undefined, limit: number): { items: Message[]; nextBefore: number | null } {
    const rows = this.pageRows.all(conversationId, before ?? Number.MAX_SAFE_INTEGER, limit + 1) as MessageRow[]
    const items = rows.slice(0, limit).map(toMessage)
    return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null }
  }
}
