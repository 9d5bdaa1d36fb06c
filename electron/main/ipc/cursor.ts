import type { Tab } from '../../../shared/ipc'
import { sortField, type Sort } from '../../../shared/ipc/conversation-sort'
import type { Keyset } from '../db/queries/conversations'
import { IpcFailure } from './types'

/**
 * The renderer gets the keyset as an opaque string. The tab and the order are inside, so a cursor
 * from another tab or another order is refused instead of silently skipping rows; so is the change
 * counter the first page was read at, which keeps later pages from repeating or skipping rows that
 * moved meanwhile. JSON, because the customer-name order's key is text that may hold any character.
 */
export function encodeCursor(tab: Tab, sort: Sort, keyset: Keyset): string {
  return Buffer.from(JSON.stringify([tab, sort, keyset.key, keyset.id, keyset.asOf]), 'utf8').toString('base64url')
}

export function decodeCursor(tab: Tab, sort: Sort, cursor: string): Keyset {
  let parts: unknown
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parts = null
  }
  if (!Array.isArray(parts) || parts.length !== 5) throw refused()
  const [cursorTab, cursorSort, key, id, asOf] = parts as unknown[]
  const keyOk = sortField(sort) === 'customer' ? typeof key === 'string' : Number.isSafeInteger(key)
  if (cursorTab !== tab || cursorSort !== sort || !keyOk || !Number.isSafeInteger(id) || !Number.isSafeInteger(asOf)) throw refused()
  return { key: key as number | string, id: id as number, asOf: asOf as number }
}

const refused = (): IpcFailure => new IpcFailure('invalid_input', 'cursor does not belong to this list')
