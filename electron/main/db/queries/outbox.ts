/**
 * The outbox table and the optimistic overlay on conversations (see migration 0070). Every
 * function runs inside the caller's transaction; the service decides what goes together.
 */
import type { Database } from 'better-sqlite3'
import { FailureReason, type OutboxAction, type OutboxActionKind, type OutboxActionState, type OutboxRejection, type OutboxRejectionCode } from '../../../../shared/ipc'
import type { ConversationStatus } from '../../../../shared/domain'
import { refreshSearchDoc } from './search-index'
import { stmt } from './statements'

const ACTIVE = "state IN ('queued', 'sending')"
/** Settled outcomes stay listed this long unless dismissed; rejections stay until dismissed. */
export const RECENT_OUTCOME_MS = 10 * 60_000

interface OutboxRow {
  id: number
  idempotency_key: string
  kind: string
  conversation_id: number
  customer_name: string
  agent_id: number
  override_quota: number
  from_agent_id: number | null
  dataset_id: string | null
  state: string
  attempts: number
  next_attempt_at: number
  last_error: string | null
  last_error_reason: string | null
  created_at: number
  updated_at: number
  settled_at: number | null
  reason_code: string | null
  reason_message: string | null
  reason_handler_id: number | null
  reason_handler_name: string | null
  reason_status: string | null
  reason_agent_name: string | null
  reason_agent_load: number | null
  reason_agent_quota: number | null
  dismissed_at: number | null
}

/** What the pusher needs beyond the public view. */
export interface StoredAction extends OutboxAction {
  idempotencyKey: string
  /** Transfer: the agent it is moved from, as the supervisor saw it (the overlay of earlier actions included). */
  fromAgentId: number | null
  /** The server's dataset when it was queued; null when the cache had never reached a server. */
  datasetId: string | null
  nextAttemptAt: number
}

function fromRow(row: OutboxRow): StoredAction {
  const rejection: OutboxRejection | null =
    row.reason_code === null
      ? null
      : {
          code: row.reason_code as OutboxRejectionCode,
          message: row.reason_message ?? '',
          handledBy: row.reason_handler_id === null ? null : { agentId: row.reason_handler_id, name: row.reason_handler_name ?? '' },
          ...(row.reason_status === null ? {} : { status: row.reason_status as ConversationStatus }),
          agent:
            row.reason_agent_name === null
              ? null
              : { agentId: row.agent_id, name: row.reason_agent_name, load: row.reason_agent_load ?? 0, quota: row.reason_agent_quota ?? 0 },
        }
  return {
    id: row.id,
    kind: row.kind as OutboxActionKind,
    conversationId: row.conversation_id,
    customerName: row.customer_name,
    agentId: row.agent_id,
    overrideQuota: row.override_quota === 1,
    state: row.state as OutboxActionState,
    attempts: row.attempts,
    lastError: row.last_error,
    // A word this version does not know (written by a newer one) is said as "other", its text kept.
    lastErrorReason: row.last_error_reason === null ? null : (FailureReason.safeParse(row.last_error_reason).data ?? 'other'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    settledAt: row.settled_at,
    rejection,
    dismissed: row.dismissed_at !== null,
    idempotencyKey: row.idempotency_key,
    fromAgentId: row.from_agent_id,
    datasetId: row.dataset_id,
    nextAttemptAt: row.next_attempt_at,
  }
}

/** The public view, without the key and scheduling fields. */
export function publicAction(action: StoredAction): OutboxAction {
  const { idempotencyKey: _k, fromAgentId: _f, nextAttemptAt: _n, ...rest } = action
  return rest
}

export interface NewAction {
  key: string
  kind: OutboxActionKind
  conversationId: number
  customerName: string
  agentId: number
  overrideQuota: boolean
  fromAgentId: number | null
  datasetId: string | null
  now: number
}

export function insertAction(db: Database, a: NewAction): StoredAction {
  const { lastInsertRowid } = stmt(
    db,
    `INSERT INTO outbox_actions (idempotency_key, kind, conversation_id, customer_name, agent_id, override_quota,
       from_agent_id, dataset_id, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
  ).run(a.key, a.kind, a.conversationId, a.customerName, a.agentId, a.overrideQuota ? 1 : 0, a.fromAgentId, a.datasetId, a.now, a.now, a.now)
  return getAction(db, Number(lastInsertRowid))!
}

export function getAction(db: Database, id: number): StoredAction | null {
  const row = stmt(db, 'SELECT * FROM outbox_actions WHERE id = ?').get(id) as OutboxRow | undefined
  return row ? fromRow(row) : null
}

export function getActions(db: Database, ids: readonly number[]): StoredAction[] {
  return ids.map((id) => getAction(db, id)).filter((a): a is StoredAction => a !== null)
}

/** The head of the queue: the oldest active action. Actions go out strictly in this order. */
export function headAction(db: Database): StoredAction | null {
  const row = stmt(db, `SELECT * FROM outbox_actions WHERE ${ACTIVE} ORDER BY id LIMIT 1`).get() as OutboxRow | undefined
  return row ? fromRow(row) : null
}

export function activeActionsFor(db: Database, conversationId: number): StoredAction[] {
  return (stmt(db, `SELECT * FROM outbox_actions WHERE conversation_id = ? AND ${ACTIVE} ORDER BY id`).all(conversationId) as OutboxRow[]).map(fromRow)
}

/** Chats on their way to each agent: pending actions the server has not applied, so the agent's load does not count them yet. */
export function incomingByAgent(db: Database): Map<number, number> {
  const rows = stmt(db, `SELECT agent_id AS agentId, count(*) AS n FROM outbox_actions WHERE ${ACTIVE} GROUP BY agent_id`).all() as { agentId: number; n: number }[]
  return new Map(rows.map((r) => [r.agentId, r.n]))
}

/**
 * Pending actions, rejections not yet dismissed, and other outcomes of the last few minutes: every
 * action still to be sent, and of the outcomes the newest `settledLimit`, in the
 * order they were queued. The cap is on outcomes only: refusals stay until dismissed and a refused
 * bulk assignment leaves hundreds, which must never push a pending action off the list.
 */
export function listVisibleActions(db: Database, now: number, settledLimit = 1000): StoredAction[] {
  return (
    stmt(
      db,
      `SELECT * FROM outbox_actions WHERE ${ACTIVE}
       UNION ALL
       SELECT * FROM (
         SELECT * FROM outbox_actions
         WHERE NOT ${ACTIVE} AND dismissed_at IS NULL AND (state = 'rejected' OR settled_at >= ?)
         ORDER BY id DESC LIMIT ?
       )
       ORDER BY id`,
    ).all(now - RECENT_OUTCOME_MS, settledLimit) as OutboxRow[]
  ).map(fromRow)
}

export function markSending(db: Database, id: number, now: number): void {
  stmt(db, "UPDATE outbox_actions SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(now, id)
}

export function markRetry(db: Database, id: number, nextAttemptAt: number, error: string, reason: FailureReason, now: number): void {
  stmt(db, "UPDATE outbox_actions SET state = 'queued', next_attempt_at = ?, last_error = ?, last_error_reason = ?, updated_at = ? WHERE id = ?").run(
    nextAttemptAt,
    error,
    reason,
    now,
    id,
  )
}

/** The connection is back: whatever waits for its retry may go now. */
export function makeDueNow(db: Database, now: number): number {
  // Looked for first: the update takes the cache's write lock, which the sync's writer thread may
  // be holding (a reconnect starts its catch-up at this very moment), and mostly nothing waits.
  if (!stmt(db, "SELECT 1 FROM outbox_actions WHERE state = 'queued' AND next_attempt_at > ? LIMIT 1").get(now)) return 0
  return stmt(db, "UPDATE outbox_actions SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at > ?").run(now, now).changes
}

/** After a crash, an action caught on the wire goes back to queued; its attempt count says it may have arrived. */
export function requeueSending(db: Database, now: number): number {
  return stmt(db, "UPDATE outbox_actions SET state = 'queued', updated_at = ? WHERE state = 'sending'").run(now).changes
}

export function markSettled(
  db: Database,
  id: number,
  state: Extract<OutboxActionState, 'done' | 'rejected' | 'cancelled'>,
  now: number,
  rejection: OutboxRejection | null = null,
): void {
  stmt(
    db,
    `UPDATE outbox_actions SET state = ?, settled_at = ?, updated_at = ?, last_error = NULL, last_error_reason = NULL,
       reason_code = ?, reason_message = ?, reason_handler_id = ?, reason_handler_name = ?,
       reason_agent_name = ?, reason_agent_load = ?, reason_agent_quota = ?, reason_status = ?
     WHERE id = ?`,
  ).run(
    state,
    now,
    now,
    rejection?.code ?? null,
    rejection?.message ?? null,
    rejection?.handledBy?.agentId ?? null,
    rejection?.handledBy?.name ?? null,
    rejection?.agent?.name ?? null,
    rejection?.agent?.load ?? null,
    rejection?.agent?.quota ?? null,
    rejection?.status ?? null,
    id,
  )
}

export function markDismissed(db: Database, id: number, now: number): void {
  stmt(db, 'UPDATE outbox_actions SET dismissed_at = ?, updated_at = ? WHERE id = ? AND dismissed_at IS NULL').run(now, now, id)
}

/** Keeps the server's values of the overlaid columns, once, before the first overlay of a conversation. */
export function saveBase(db: Database, conversationId: number): void {
  stmt(
    db,
    `INSERT OR IGNORE INTO outbox_base (conversation_id, status, agent_id, last_agent_id)
     SELECT id, status, agent_id, last_agent_id FROM conversations WHERE id = ?`,
  ).run(conversationId)
}

/** Shows the newest active action of a conversation on its row. */
export function applyOverlay(db: Database, conversationId: number): void {
  stmt(
    db,
    `UPDATE conversations SET status = 'handled', agent_id = a.agent_id, last_agent_id = a.agent_id
     FROM (SELECT agent_id FROM outbox_actions WHERE conversation_id = ? AND ${ACTIVE} ORDER BY id DESC LIMIT 1) AS a
     WHERE conversations.id = ?`,
  ).run(conversationId, conversationId)
  refreshSearchDoc(db, conversationId)
}

/** Puts the server's values back (the last action settled) and forgets them. */
export function restoreBase(db: Database, conversationId: number): void {
  stmt(
    db,
    `UPDATE conversations SET status = b.status, agent_id = b.agent_id, last_agent_id = b.last_agent_id
     FROM (SELECT status, agent_id, last_agent_id FROM outbox_base WHERE conversation_id = ?) AS b
     WHERE conversations.id = ?`,
  ).run(conversationId, conversationId)
  stmt(db, 'DELETE FROM outbox_base WHERE conversation_id = ?').run(conversationId)
  refreshSearchDoc(db, conversationId)
}

/** The server's own status and version of a cached conversation, overlay or not. */
export function serverView(db: Database, conversationId: number): { status: string; agentId: number | null; version: number } | null {
  const row = stmt(
    db,
    `SELECT COALESCE(b.status, c.status) AS status, CASE WHEN b.conversation_id IS NULL THEN c.agent_id ELSE b.agent_id END AS agent_id, c.version
     FROM conversations c LEFT JOIN outbox_base b ON b.conversation_id = c.id WHERE c.id = ?`,
  ).get(conversationId) as { status: string; agent_id: number | null; version: number } | undefined
  return row ? { status: row.status, agentId: row.agent_id, version: row.version } : null
}
