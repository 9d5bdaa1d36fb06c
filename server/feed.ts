/**
 * The change feed: every mutation after the seed gets the next server-wide seq, is stored in the
 * changes table in the same transaction as the mutation, and is published to live listeners only
 * after that transaction commits, so a listener never sees a change the database could still lose.
 */
import type { ChangeEntity, ChangeEnvelope, ChangesPage } from '../shared/api'
import { getMeta, setMeta, type Db } from './db/connection'

export type ChangeListener = (change: ChangeEnvelope) => void

export class ChangeFeed {
  private head: number
  /** Highest seq already trimmed away; cursors below it cannot be served any more. */
  private floor: number
  private pending: ChangeEnvelope[] = []
  private depth = 0
  private readonly listeners = new Set<ChangeListener>()
  private readonly insert
  private readonly select

  constructor(
    private readonly db: Db,
    private readonly retention: number,
  ) {
    this.floor = Number(getMeta(db, 'feedFloor') ?? '0')
    const max = db.prepare('SELECT MAX(seq) AS seq FROM changes').get() as { seq: number | null }
    this.head = Math.max(max.seq ?? 0, this.floor)
    this.insert = db.prepare('INSERT INTO changes (seq, entity, data) VALUES (?, ?, ?)')
    this.select = db.prepare('SELECT seq, entity, data FROM changes WHERE seq > ? ORDER BY seq LIMIT ?')
  }

  get seq(): number {
    return this.head
  }

  /** Runs work in one transaction; the changes it records go live once it commits. */
  transaction<T>(work: () => T): T {
    if (this.depth > 0) return work()
    const before = { head: this.head, floor: this.floor }
    this.depth++
    try {
      const result = this.db.transaction(() => {
        const value = work()
        this.trim()
        return value
      })()
      const published = this.pending
      this.pending = []
      for (const change of published) this.publish(change)
      return result
    } catch (error) {
      this.pending = []
      this.head = before.head
      this.floor = before.floor
      throw error
    } finally {
      this.depth--
    }
  }

  record(entity: ChangeEntity, data: unknown): number {
    if (this.depth === 0) throw new Error('changes are recorded inside ChangeFeed.transaction')
    const seq = this.head + 1
    this.insert.run(seq, entity, JSON.stringify(data))
    this.head = seq
    this.pending.push({ seq, entity, data })
    return seq
  }

  /** A cursor is usable when nothing after it was trimmed and it does not lie in this dataset's future. */
  isValidCursor(after: number): boolean {
    return after >= this.floor && after <= this.head
  }

  read(after: number, limit: number): ChangesPage {
    const rows = this.select.all(after, limit + 1) as Array<{ seq: number; entity: string; data: string }>
    const hasMore = rows.length > limit
    const changes = rows.slice(0, limit).map((row) => ({ seq: row.seq, entity: row.entity, data: JSON.parse(row.data) as unknown }))
    return { changes, lastSeq: changes.at(-1)?.seq ?? after, hasMore }
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private publish(change: ChangeEnvelope): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change)
      } catch (error) {
        // One broken stream must not keep the change from the others.
        console.error('change listener failed', error)
      }
    }
  }

  private trim(): void {
    const floor = this.head - this.retention
    if (floor <= this.floor) return
    this.db.prepare('DELETE FROM changes WHERE seq <= ?').run(floor)
    this.floor = floor
    setMeta(this.db, 'feedFloor', String(floor))
  }
}
