import type { AssignmentRecord, AssignmentsPage, AssignmentsQuery } from '../../shared/api'
import type { Db } from './connection'

interface AssignmentRow {
  id: number
  conversation_id: number
  action: AssignmentRecord['action']
  by_agent_id: number
  from_agent_id: number | null
  to_agent_id: number
  at: number
}

const toRecord = (row: AssignmentRow): AssignmentRecord => ({
  id: row.id,
  conversationId: row.conversation_id,
  action: row.action,
  byAgentId: row.by_agent_id,
  fromAgentId: row.from_agent_id,
  toAgentId: row.to_agent_id,
  at: row.at,
})

/** The assignment log behind Log History: appended in the same transaction as the hand-off it records. */
export class AssignmentLog {
  private readonly insert
  private readonly pageAll
  private readonly pageOne
  private readonly newestAll
  private readonly newestOne

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO assignment_log (conversation_id, action, by_agent_id, from_agent_id, to_agent_id, at)
      VALUES (@conversationId, @action, @byAgentId, @fromAgentId, @toAgentId, @at)`)
    this.pageAll = db.prepare('SELECT * FROM assignment_log WHERE id > ? ORDER BY id LIMIT ?')
    this.pageOne = db.prepare('SELECT * FROM assignment_log WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?')
    this.newestAll = db.prepare('SELECT * FROM assignment_log WHERE id < ? ORDER BY id DESC LIMIT ?')
    this.newestOne = db.prepare('SELECT * FROM assignment_log WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
  }

  add(record: Omit<AssignmentRecord, 'id'>): AssignmentRecord {
    const result = this.insert.run(record)
    return { id: Number(result.lastInsertRowid), ...record }
  }

  /** Keyset page in ascending id, or descending when newest first, optionally for one conversation. */
  page(query: AssignmentsQuery): AssignmentsPage & { items: AssignmentRecord[] } {
    if (query.order === 'newest_first') return this.newestPage(query)
    const rows = (
      query.conversationId === undefined
        ? this.pageAll.all(query.after, query.limit + 1)
        : this.pageOne.all(query.conversationId, query.after, query.limit + 1)
    ) as AssignmentRow[]
    const items = rows.slice(0, query.limit).map(toRecord)
    return { items, nextAfter: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
  }

  private newestPage(query: AssignmentsQuery): AssignmentsPage & { items: AssignmentRecord[] } {
    const before = query.before ?? Number.MAX_SAFE_INTEGER
    const rows = (
      query.conversationId === undefined
        ? this.newestAll.all(before, query.limit + 1)
        : this.newestOne.all(query.conversationId, before, query.limit + 1)
    ) as AssignmentRow[]
    const items = rows.slice(0, query.limit).map(toRecord)
    return { items, nextAfter: null, nextBefore: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
  }
}
