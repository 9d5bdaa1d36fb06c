/**
 * Search over resolved history of any age (the Archive and the search bar beyond the client's cache
 * window). A contentless FTS5 index holds customer name, handle and the handle's digits; it stores
 * no text of its own, only which words occur in which conversation, which keeps it small at a
 * million rows. Names and handles never change after a conversation is created, so an INSERT
 * trigger is all the upkeep it needs. Ticket numbers are matched exactly through their own index.
 */
import type { Conversation } from '../../shared/domain'
import { getMeta, setMeta, type Db } from './connection'
import { toConversation, type ConversationRow } from './rows'

const SEARCH_INDEX_VERSION = '1'

/**
 * Phone handles are written "+62 812-3456-7890" but typed "0812..." or "62812...": index both digit
 * runs. Done in SQL so the bulk build and the trigger share it.
 */
const digitsOf = (handle: string): string => `CASE WHEN ${handle} GLOB '+[0-9]*' THEN
    replace(replace(replace(${handle}, '+', ''), ' ', ''), '-', '')
    || CASE WHEN ${handle} GLOB '+62*' THEN ' 0' || substr(replace(replace(replace(${handle}, '+', ''), ' ', ''), '-', ''), 3) ELSE '' END
  ELSE '' END`

/** Builds the index when the file has none yet (new seed, or a file from before search existed). */
export function ensureSearchIndex(db: Db): void {
  if (getMeta(db, 'searchIndex') === SEARCH_INDEX_VERSION) return
  db.transaction(() => {
    db.exec('DROP TRIGGER IF EXISTS conversations_search_insert; DROP TABLE IF EXISTS conversation_search;')
    // detail=none: only "which rows hold this word" is needed for AND-ed prefix queries; prefix
    // indexes make short prefixes (what people type) cheap.
    db.exec(`CREATE VIRTUAL TABLE conversation_search USING fts5(
      name, handle, digits, content='', detail=none, columnsize=0,
      tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')`)
    db.exec(`INSERT INTO conversation_search (rowid, name, handle, digits)
      SELECT id, customer_name, customer_handle, ${digitsOf('customer_handle')} FROM conversations`)
    db.exec(`CREATE TRIGGER conversations_search_insert AFTER INSERT ON conversations BEGIN
      INSERT INTO conversation_search (rowid, name, handle, digits)
      VALUES (new.id, new.customer_name, new.customer_handle, ${digitsOf('new.customer_handle')});
    END`)
    setMeta(db, 'searchIndex', SEARCH_INDEX_VERSION)
  })()
}

export interface SearchWindow {
  q: string
  limit: number
  before?: number
  beforeId?: number
}

export interface SearchResult {
  items: Conversation[]
  nextBefore: number | null
  nextBeforeId: number | null
}

/**
 * Every word of the query must be a word of the name, handle or phone digits, the last one only
 * its beginning (people search as they type). Whole words keep AND-ing cheap: a prefix like "com"
 * would drag in every e-mail address.
 */
export function ftsQueryOf(q: string): string | null {
  const words = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0)
  if (words.length === 0) return null
  return words.map((word, index) => (index === words.length - 1 ? `"${word}"*` : `"${word}"`)).join(' ')
}

/** "10234" or "#10234": a ticket number people read out. */
function ticketOf(q: string): number | null {
  const match = /^#?\s*(\d{1,15})$/.exec(q.trim())
  return match === null ? null : Number(match[1])
}

export class ConversationSearch {
  private readonly count
  private readonly size
  private readonly sortMatches
  private readonly walkResolved

  constructor(db: Db) {
    const matches = (withTicket: boolean): string =>
      `SELECT rowid AS id FROM conversation_search WHERE conversation_search MATCH @match${withTicket ? ' UNION SELECT id FROM conversations WHERE ticket_no = @ticket' : ''}`
    const window = "c.status = 'resolved' AND (c.resolved_at < @before OR (c.resolved_at = @before AND c.id < @beforeId))"
    const order = 'ORDER BY c.resolved_at DESC, c.id DESC LIMIT @take'
    this.count = db.prepare('SELECT COUNT(*) AS n FROM (SELECT rowid FROM conversation_search WHERE conversation_search MATCH ? LIMIT ?)')
    this.size = db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM conversations')
    // Few matches: look each up by primary key (CROSS JOIN keeps the matches as the outer loop), then sort.
    const sortMatches = (withTicket: boolean): string => `SELECT c.* FROM (${matches(withTicket)}) m CROSS JOIN conversations c ON c.id = m.id WHERE ${window} ${order}`
    // Many matches: walk resolved history newest first and stop at a full page.
    const walkResolved = (withTicket: boolean): string =>
      `SELECT c.* FROM conversations c INDEXED BY conversations_status_resolved WHERE c.id IN (${matches(withTicket)}) AND ${window} ${order}`
    this.sortMatches = [db.prepare(sortMatches(false)), db.prepare(sortMatches(true))] as const
    this.walkResolved = [db.prepare(walkResolved(false)), db.prepare(walkResolved(true))] as const
  }

  search(window: SearchWindow): SearchResult {
    const match = ftsQueryOf(window.q)
    if (match === null) return { items: [], nextBefore: null, nextBeforeId: null }
    const ticket = ticketOf(window.q)
    const params = {
      match,
      before: window.before ?? Number.MAX_SAFE_INTEGER,
      // before alone means strictly earlier; beforeId lets the ties at `before` through below it.
      beforeId: window.beforeId ?? 0,
      take: window.limit + 1,
      ...(ticket === null ? {} : { ticket }),
    }
    // With many matches, walking resolved history newest first and keeping the matches finds a page
    // sooner than fetching and sorting them all: the walk reads about take * rows / matches rows,
    // the sort reads every match, and the two cost the same near sqrt(take * rows) matches.
    const rowsNow = (this.size.get() as { n: number }).n
    const threshold = Math.ceil(Math.sqrt(params.take * rowsNow))
    const many = (this.count.get(match, threshold + 1) as { n: number }).n > threshold
    const statement = (many ? this.walkResolved : this.sortMatches)[ticket === null ? 0 : 1]
    const rows = statement.all(params) as ConversationRow[]
    const items = rows.slice(0, window.limit).map(toConversation)
    const last = rows.length > window.limit ? items.at(-1) : undefined
    return { items, nextBefore: last?.resolvedAt ?? null, nextBeforeId: last?.id ?? null }
  }
}
