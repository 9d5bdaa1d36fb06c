import type { Database } from 'better-sqlite3'
import { stmt } from './statements'

export interface SyncState {
  datasetId: string | null
  /** Opaque to the core: only the backend knows what it means. */
  cursor: string | null
  lastSyncedAt: number | null
  /** The resolved-since bound the cached window was bootstrapped with. */
  resolvedSince: number | null
  meId: number | null
  /** The server's clock minus this computer's, as last read (ServerClock). */
  clockOffsetMs: number
}

interface SyncStateRow {
  dataset_id: string | null
  cursor: string | null
  last_synced_at: number | null
  resolved_since: number | null
  me_id: number | null
  clock_offset_ms: number
}

export function readSyncState(db: Database): SyncState {
  const row = stmt(db, 'SELECT * FROM sync_state WHERE id = 1').get() as SyncStateRow
  return {
    datasetId: row.dataset_id,
    cursor: row.cursor,
    lastSyncedAt: row.last_synced_at,
    resolvedSince: row.resolved_since,
    meId: row.me_id,
    clockOffsetMs: row.clock_offset_ms,
  }
}

/** Must run in the same transaction as the data the cursor covers. */
export function setCursor(db: Database, cursor: string | null, syncedAt: number | null): void {
  stmt(db, 'UPDATE sync_state SET cursor = ?, last_synced_at = COALESCE(?, last_synced_at) WHERE id = 1').run(cursor, syncedAt)
}

export function setDataset(db: Database, datasetId: string): void {
  stmt(db, 'UPDATE sync_state SET dataset_id = ? WHERE id = 1').run(datasetId)
}

export function setResolvedSince(db: Database, resolvedSince: number): void {
  stmt(db, 'UPDATE sync_state SET resolved_since = ? WHERE id = 1').run(resolvedSince)
}

export function setMe(db: Database, meId: number): void {
  stmt(db, 'UPDATE sync_state SET me_id = ? WHERE id = 1').run(meId)
}

export function setClockOffset(db: Database, offsetMs: number): void {
  stmt(db, 'UPDATE sync_state SET clock_offset_ms = ? WHERE id = 1').run(offsetMs)
}

export function setLastSyncedAt(db: Database, at: number): void {
  stmt(db, 'UPDATE sync_state SET last_synced_at = ? WHERE id = 1').run(at)
}
