import { refreshSearchDoc } from '../queries/search-index'
import { customerSortKey } from '../rows'
import type { Migration } from './types'

/** A GLOB class of the letters foldForSearch now spells plainly (đ as d, ł as l, ß as ss…), both cases. */
const PLAIN_LETTERS_GLOB = "'*[ĐđÐðĦħıŁłØøŦŧßẞÆæŒœÞþ]*'"

/**
 * The conversations that hold a letter the fold now spells plainly, written again: a cache indexed
 * before kept "đặng" as "đang", which "dang" does not find, and sorted its name after every Z. Their
 * customers' sort keys go first, since each search document carries the first word of its key (the
 * name lead, search-index.ts). Only those conversations: every one again would hold a
 * million-conversation cache for half a minute for a few names.
 */
export const migration0300: Migration = {
  version: 300,
  name: 'search-plain-letters',
  up(db) {
    // No index leads with the customer: their conversations are rekeyed in one pass over the table.
    const customers = db.prepare(`SELECT id, name FROM customers WHERE name GLOB ${PLAIN_LETTERS_GLOB}`).all() as { id: number; name: string }[]
    db.exec('CREATE TEMP TABLE rekeyed (customer_id INTEGER PRIMARY KEY, key TEXT NOT NULL) STRICT')
    const keep = db.prepare('INSERT INTO temp.rekeyed (customer_id, key) VALUES (?, ?)')
    for (const { id, name } of customers) keep.run(id, customerSortKey(name))
    db.exec(
      `UPDATE conversations SET customer_sort = (SELECT key FROM temp.rekeyed r WHERE r.customer_id = conversations.customer_id)
       WHERE customer_id IN (SELECT customer_id FROM temp.rekeyed)`,
    )
    db.exec('DROP TABLE temp.rekeyed')
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
