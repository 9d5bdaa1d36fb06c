import { rebuildSearchDocs } from '../queries/search-index'
import type { Migration } from './types'

/**
 * Every search document again, now with its name-lead token (search-index.ts): a search for a
 * common first name in the name order finds the matches outside that name's range inside the
 * index, instead of reading every match and every name of the range (name-lead.ts).
 *
 * Run once per cache, like 0110: about 25 s at a million conversations.
 */
export const migration0120: Migration = {
  version: 120,
  name: 'search-name-leads',
  up(db) {
    rebuildSearchDocs(db)
  },
}
