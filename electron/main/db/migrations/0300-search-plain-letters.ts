import { refreshSearchDoc } from '../queries/search-index'
import type { Migration } from './types'

/** A GLOB class of the letters foldForSearch now spells plainly (đ as d, ł as l, ß as ss…), both cases. */
const PLAIN_LETTERS_GLOB = "'*[ĐđÐðĦħıŁłØøŦŧßẞÆæŒœÞþ]*'"

/**
 * The search documents that hold a letter the fold now spells plainly, written again: a cache
 * indexed before kept "đặng" as "đang", which "dang" does not find. Only those documents: every
 * one again would hold a million-conversation cache for half a minute for a few names.
 */
export const migration0300: Migration = {
  version: 300,
  name: 'search-plain-letters',
  up(db) {
    const ids = db
      .prepare(
        `SELECT c.id FROM conversations c JOIN customers cu ON cu.id = c.customer_id
           WHERE cu.name GLOB ${PLAIN_LETTERS_GLOB} OR cu.handle GLOB ${PLAIN_LETTERS_GLOB}
         UNION SELECT id FROM conversations WHERE last_message_text GLOB ${PLAIN_LETTERS_GLOB}
         UNION SELECT conversation_id FROM messages WHERE text GLOB ${PLAIN_LETTERS_GLOB}`,
      )
      .pluck()
      .all() as number[]
    for (const id of ids) refreshSearchDoc(db, id)
  },
}
