import { rebuildSearchDocs } from '../queries/search-index'
import type { Migration } from './types'

/**
 * Every search document again, its message text now carrying its words' forms without Indonesian
 * prefixes (searchBody): a cache indexed before finds "dikirim" and "pengiriman" only by "dik" and
 * "peng", never by "kirim". Nearly every Indonesian message holds such a word, so the whole index
 * is written again rather than picked through.
 *
 * Run once per cache, like 0160, on the migration's own thread: about 25 s at a million conversations.
 */
export const migration0330: Migration = {
  version: 330,
  name: 'search-indonesian-prefixes',
  up(db) {
    rebuildSearchDocs(db)
  },
}
