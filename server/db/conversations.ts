import type { StatsResponse } from '../../shared/api'
import type { Conversation, ConversationStatus } from '../../shared/domain'
import type { Db } from './connection'
import { ticketNoOf } from './seed'
import { encodeLabelIds, toConversation, type ConversationRow } from './rows'

export interface ConversationWindow {
  after: number
  limit: number
  resolvedSince: number
  status?: ConversationStatus
}

export type NewConversation = Omit<Conversation, 'id' | 'ticketNo'>

export class Conversations {
  private readonly byId
  private readonly pageOpenAndRecent
  private readonly pageOpenStatus
  private readonly pageResolved
  private readonly countOpen
  private readonly countResolved
  private readonly insert
  private readonly update
  private readonly firstWithStatus
  private readonly countWithStatus
  private readonly nthWithStatus
  private readonly maxId
  private readonly maxCustomerId
  private lastCustomerId: number | undefined

  constructor(db: Db) {
    this.byId = db.prepare('SELECT * FROM conversations WHERE id = ?')
    // Walks the primary key: with the usual 30-day window nearly every row matches, so this beats
    // merging two index scans.
    this.pageOpenAndRecent = db.prepare(
      "SELECT * FROM conversations WHERE id > ? AND (status != 'resolved' OR resolved_at >= ?) ORDER BY id LIMIT ?",
    )
    this.pageOpenStatus = db.prepare('SELECT * FROM conversations WHERE status = ? AND id > ? ORDER BY id LIMIT ?')
    this.pageResolved = db.prepare(
      "SELECT * FROM conversations WHERE status = 'resolved' AND id > ? AND resolved_at >= ? ORDER BY id LIMIT ?",
    )
    this.countOpen = db.prepare("SELECT status, COUNT(*) AS n FROM conversations WHERE status IN ('in_queue', 'handled') GROUP BY status")
    this.countResolved = db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE status = 'resolved' AND resolved_at >= ?")
    this.insert = db.prepare(`INSERT INTO conversations (
        id, ticket_no, customer_id, customer_name, customer_handle, channel_id, channel, type, status, label_ids,
        agent_id, last_agent_id, created_at, queued_at, updated_at, resolved_at, last_text, last_at, last_direction,
        unread, version, thread_ready)
      VALUES (@id, @ticketNo, @customerId, @customerName, @customerHandle, @channelId, @channel, @type, @status, @labelIds,
        @agentId, @lastAgentId, @createdAt, @queuedAt, @updatedAt, @resolvedAt, @lastText, @lastAt, @lastDirection,
        @unread, @version, 1)`)
    this.update = db.prepare(`UPDATE conversations SET status = @status, label_ids = @labelIds, agent_id = @agentId,
        last_agent_id = @lastAgentId, queued_at = @queuedAt, updated_at = @updatedAt, resolved_at = @resolvedAt,
        last_text = @lastText, last_at = @lastAt, last_direction = @lastDirection, unread = @unread, version = @version
      WHERE id = @id`)
    this.firstWithStatus = db.prepare('SELECT id FROM conversations WHERE status = ? ORDER BY id LIMIT 1')
    this.countWithStatus = db.prepare('SELECT COUNT(*) AS n FROM conversations WHERE status = ?')
    this.nthWithStatus = db.prepare('SELECT id FROM conversations WHERE status = ? ORDER BY id LIMIT 1 OFFSET ?')
    this.maxId = db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM conversations')
    this.maxCustomerId = db.prepare('SELECT COALESCE(MAX(customer_id), 0) AS id FROM conversations')
  }

  row(id: number): ConversationRow | undefined {
    return this.byId.get(id) as ConversationRow | undefined
  }

  get(id: number): Conversation | undefined {
    const row = this.row(id)
    return row === undefined ? undefined : toConversation(row)
  }

  /** Keyset page in ascending id: open conversations, and resolved ones no older than resolvedSince. */
  page(window: ConversationWindow): { items: Conversation[]; nextAfter: number | null } {
    const take = window.limit + 1
    let rows: ConversationRow[]
    if (window.status === undefined) rows = this.pageOpenAndRecent.all(window.after, window.resolvedSince, take) as ConversationRow[]
    else if (window.status === 'resolved') rows = this.pageResolved.all(window.after, window.resolvedSince, take) as ConversationRow[]
    else rows = this.pageOpenStatus.all(window.status, window.after, take) as ConversationRow[]
    const items = rows.slice(0, window.limit).map(toConversation)
    return { items, nextAfter: rows.length > window.limit ? (items.at(-1)?.id ?? null) : null }
  }

  stats(resolvedSince: number): Omit<StatsResponse, 'seq'> {
    const open = this.countOpen.all() as Array<{ status: ConversationStatus; n: number }>
    const inQueue = open.find((row) => row.status === 'in_queue')?.n ?? 0
    const handled = open.find((row) => row.status === 'handled')?.n ?? 0
    const resolved = (this.countResolved.get(resolvedSince) as { n: number }).n
    return { all: inQueue + handled + resolved, in_queue: inQueue, handled, resolved }
  }

  create(draft: NewConversation): Conversation {
    const id = (this.maxId.get() as { id: number }).id + 1
    this.insert.run({
      id,
      ticketNo: ticketNoOf(id),
      ...this.params(draft),
      customerId: draft.customer.id,
      customerName: draft.customer.name,
      customerHandle: draft.customer.handle,
      channelId: draft.channelId,
      channel: draft.channel,
      type: draft.type,
      createdAt: draft.createdAt,
    })
    return this.get(id)!
  }

  /** The oldest conversation in a status (the simulator's pick from the queue). */
  firstInStatus(status: ConversationStatus): number | undefined {
    return (this.firstWithStatus.get(status) as { id: number } | undefined)?.id
  }

  countInStatus(status: ConversationStatus): number {
    return (this.countWithStatus.get(status) as { n: number }).n
  }

  /** The conversation at a place (from 0) among those in a status, in id order. */
  nthInStatus(status: ConversationStatus, index: number): number | undefined {
    return (this.nthWithStatus.get(status, index) as { id: number } | undefined)?.id
  }

  lastId(): number {
    return (this.maxId.get() as { id: number }).id
  }

  /** New customers get fresh ids; the one scan for the current maximum happens once per process. */
  nextCustomerId(): number {
    this.lastCustomerId ??= (this.maxCustomerId.get() as { id: number }).id
    this.lastCustomerId++
    return this.lastCustomerId
  }

  save(conversation: Conversation): void {
    this.update.run({ id: conversation.id, ...this.params(conversation) })
  }

  private params(conversation: NewConversation): Record<string, unknown> {
    return {
      status: conversation.status,
      labelIds: encodeLabelIds(conversation.labelIds),
      agentId: conversation.agentId,
      lastAgentId: conversation.lastAgentId,
      queuedAt: conversation.queuedAt,
      updatedAt: conversation.updatedAt,
      resolvedAt: conversation.resolvedAt,
      lastText: conversation.lastMessage?.text ?? null,
      lastAt: conversation.lastMessage?.at ?? null,
      lastDirection: conversation.lastMessage?.direction ?? null,
      unread: conversation.unread,
      version: conversation.version,
    }
  }
}
