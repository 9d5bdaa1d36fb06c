import { isLocalPhone } from '../../../../shared/domain/search'
import { refreshSearchDoc } from '../queries/search-index'
import type { Migration } from './types'

/**
 * The search documents of customers whose number the backend keeps in the local form ("0857-…"),
 * written again with its international spellings (phoneVariants): indexed before, "+62 857" found
 * them not. The reference server keeps every number as +62, so a cache of it has none to write; a
 * backend that keeps them all locally has every document written again, once, on the migration's
 * own thread (migrate-off-thread.ts).
 */
export const migration0310: Migration = {
  version: 310,
  name: 'search-local-phones',
  up(db) {
    const customers = (db.prepare("SELECT id, handle FROM customers WHERE handle GLOB '*0*'").all() as { id: number; handle: string }[]).filter(({ handle }) =>
      isLocalPhone(handle),
    )
    if (customers.length === 0) return
    // No index leads with the customer: their conversations are found in one pass over the table.
    db.exec('CREATE TEMP TABLE local_phones (customer_id INTEGER PRIMARY KEY) STRICT')
    const keep = db.prepare('INSERT INTO temp.local_phones (customer_id) VALUES (?)')
    for (const { id } of customers) keep.run(id)
    const ids = db.prepare('SELECT id FROM conversations WHERE customer_id IN (SELECT customer_id FROM temp.local_phones)').pluck().all() as number[]
    db.exec('DROP TABLE temp.local_phones')
    for (const id of ids) refreshSearchDoc(db, id)
  },
}
