import type { Tab } from '../../../shared/ipc'
import type { Keyset } from '../db/queries/conversations'
import { IpcFailure } from './types'

/**
 * The renderer gets the keyset as an opaque string. The tab is inside so a cursor from one tab is
 * refused by another instead of silently skipping rows; so is the change counter the first page
 * was read at, which keeps later pages from repeating or skipping rows that moved meanwhile.
 */
export function encodeCursor(tab: Tab, keyset: Keyset): string {
  return Buffer.from(`${tab}:${keyset.key}:${keyset.id}:${keyset.asOf}`, 'utf8').toString('base64url')
}

export function decodeCursor(tab: Tab, cursor: string): Keyset {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split(':')
  const [cursorTab, key, id, asOf] = [parts[0], Number(parts[1]), Number(parts[2]), Number(parts[3])]
  if (parts.length !== 4 || cursorTab !== tab || ![key, id, asOf].every(Number.isSafeInteger)) {
    throw new IpcFailure('invalid_input', 'cursor does not belong to this list')
  }
  return { key, id, asOf }
}
