import { rebuildSearchDocs } from '../queries/search-index'
import type { Migration } from './types'

/**
 * Every search document again, written folded as a search's words are (search-index.ts), so names
 * and messages in Devanagari, Hangul, kana, full-width letters, with ligatures or with zero-width
 * characters inside are found as typed.
 *
 * Run once per cache, like 0120: about 25 s at a million conversations.
 */
export const migration0160: Migration = {
  version: 160,
  name: 'search-folded',
  up(db) {
    rebuildSearchDocs(db)
  },
}
