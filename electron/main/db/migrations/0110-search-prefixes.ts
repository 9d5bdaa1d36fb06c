import { rebuildSearchDocs } from '../queries/search-index'
import type { Migration } from './types'

/**
 * The search index again, built for the searches a supervisor types most: a word or two of a few
 * letters, some of them in a third of all conversations.
 *
 * - `prefix = '1 2 3'`: a 3-letter prefix ("kak", "wij") reads its own list instead of merging the
 *   list of every word that starts with it on each query (10 ms and more at a million).
 * - `detail = column`: the index keeps which column a word is in, not where in it. No query
 *   here asks for a phrase or a position, and the lists are smaller to read.
 * - a token in `labels` for In Queue and for Handled conversations (STATUS_TOKENS, see
 *   search-index.ts).
 *
 * Run once per cache, like every migration: about 18 s at a million conversations, on the same
 * connection and in the same transaction as the rest of the schema step.
 */
export const migration0110: Migration = {
  version: 110,
  name: 'search-prefixes',
  up(db) {
    db.exec(`
      DROP TABLE conversation_search;
      CREATE VIRTUAL TABLE conversation_search USING fts5(
        who, labels, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3',
        detail = column
      );
    `)
    rebuildSearchDocs(db)
  },
}
