import type { Database } from 'better-sqlite3'
import { foldForSearch, searchBody, searchTerms, whoText, type Conversation } from '../../../../shared/domain'
import { stmt } from './statements'

/**
 * The FTS5 side of the cache: one document per conversation, keyed by the conversation id.
 * `who` holds what people search a customer by, `labels` one `lblN` token per label (names are
 * matched against the labels table at query time, so renaming a label re-indexes nothing), a
 * STATUS_TOKENS token while the conversation is open and the name-lead token (below), `body` the
 * last message plus whatever of the thread is cached. Nothing a user types is ever matched against
 * `labels` directly.
 */

/**
 * Marks the documents of In Queue and Handled conversations, so a search in those tabs reads
 * only its own part of the matches: a common word matches a third of a month's conversations, and
 * 85% of those are resolved. The token follows the row's own status (overlays included): every
 * write of a status rewrites the document.
 */
export const STATUS_TOKENS = { in_queue: 'stqueue', handled: 'sthandled' } as const

export const labelTokens = (labelIds: readonly number[]): string => labelIds.map((id) => `lbl${id}`).join(' ')

/**
 * The name-lead token: the first word of the row's customer_sort, as hex of its first
 * NAME_LEAD_BYTES bytes behind a mark. A word of a search then finds the names that begin with it
 * inside the index (`nameLeadQuery`), exactly the range of customer_sort the name order reads
 * (name-lead.ts): a word has no space, so a name begins with it when its first word does, and hex
 * keeps any character a name holds in one token whose prefixes are the name's byte prefixes. The
 * mark is a letter nobody searches by, so the prefix lists of what people type stay as they were.
 */
const NAME_LEAD_MARK = 'ω'
const NAME_LEAD_BYTES = 16
const FIRST_WORD = `substr(customer_sort, 1, instr(customer_sort || ' ', ' ') - 1)`
const NAME_LEAD_TEXT = `' ${NAME_LEAD_MARK}' || lower(hex(substr(CAST(${FIRST_WORD} AS BLOB), 1, ${NAME_LEAD_BYTES})))`

/** The documents whose customer_sort begins with `term` (one word of a search), or null for a word longer than the token keeps. */
export function nameLeadQuery(term: string): string | null {
  const bytes = Buffer.from(term, 'utf8')
  if (bytes.length === 0 || bytes.length > NAME_LEAD_BYTES || /\s/.test(term)) return null
  return `labels : "${NAME_LEAD_MARK}${bytes.toString('hex')}"*`
}

/**
 * Documents are written folded as a search's words are (foldForSearch), so the tokenizer splits
 * both alike. Given the raw text it did not: it cut a Devanagari name at its vowel signs, kept
 * full-width letters and ligatures, and Hangul and kana whole, where the folded search has "परय",
 * "shop", "fi" and jamo; typed exactly as shown, such names were not found. Message text also
 * carries its words' forms without Indonesian prefixes (searchBody), so "kirim" finds "dikirim".
 * SEARCH_BODY is that as an SQL function (registered on every connection, connection.ts), for the
 * cached thread.
 */
export const SEARCH_BODY = 'search_body'
const THREAD_TEXT = `COALESCE((SELECT ' ' || ${SEARCH_BODY}(group_concat(m.text, ' ')) FROM messages m WHERE m.conversation_id = ?), '')`
/**
 * The tokens read from the row itself: its status as written, not the server's (an overlay may
 * show a resolved conversation as handled), and its name lead.
 */
const rowTokens = (nameLead: boolean): string =>
  `(SELECT CASE status ${Object.entries(STATUS_TOKENS)
    .map(([status, token]) => `WHEN '${status}' THEN ' ${token}'`)
    .join(' ')} ELSE '' END${nameLead ? ` || ${NAME_LEAD_TEXT}` : ''} FROM conversations WHERE id = ?)`
const writeDoc = (nameLead: boolean, withThread: boolean): string =>
  `INSERT OR REPLACE INTO conversation_search (rowid, who, labels, body) VALUES (?, ?, ? || ${rowTokens(nameLead)}, ?${withThread ? ` || ${THREAD_TEXT}` : ''})`
/** Built once: the texts are the statement cache's keys, looked up for every document written. */
const WRITE_DOC = writeDoc(true, false)
const WRITE_DOC_WITH_THREAD = writeDoc(true, true)
const WRITE_DOC_WITH_THREAD_NO_LEAD = writeDoc(false, true)

/** Writes (or replaces) the document of one conversation; the cached thread is read from the messages table. */
export function writeSearchDoc(db: Database, c: Conversation, withThread: boolean): void {
  const who = foldForSearch(whoText(c.customer.name, c.customer.handle, c.ticketNo))
  const body = searchBody(c.lastMessage?.text ?? '')
  if (withThread) {
    stmt(db, WRITE_DOC_WITH_THREAD).run(c.id, who, labelTokens(c.labelIds), c.id, body, c.id)
  } else {
    stmt(db, WRITE_DOC).run(c.id, who, labelTokens(c.labelIds), c.id, body)
  }
}

interface DocRow {
  id: number
  ticket_no: number
  name: string | null
  handle: string | null
  label_ids: string | null
  last_message_text: string | null
}

const DOC_SELECT = `
  SELECT c.id, c.ticket_no, cu.name, cu.handle, c.last_message_text,
    (SELECT group_concat(label_id) FROM conversation_labels WHERE conversation_id = c.id) AS label_ids
  FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id`

function writeFromRow(db: Database, row: DocRow, nameLead = true): void {
  const labels = row.label_ids ? row.label_ids.split(',').map(Number) : []
  stmt(db, nameLead ? WRITE_DOC_WITH_THREAD : WRITE_DOC_WITH_THREAD_NO_LEAD).run(
    row.id,
    foldForSearch(whoText(row.name ?? '', row.handle ?? '', row.ticket_no)),
    labelTokens(labels),
    row.id,
    searchBody(row.last_message_text ?? ''),
    row.id,
  )
}

/** Re-reads one conversation's document from the cache (after its thread or its shown status changed). */
export function refreshSearchDoc(db: Database, conversationId: number): void {
  const row = stmt(db, `${DOC_SELECT} WHERE c.id = ?`).get(conversationId) as DocRow | undefined
  if (row) writeFromRow(db, row)
}

/**
 * Every document from scratch (the migrations that define the index). Rows are read a slice at a
 * time: a connection cannot write while one of its statements is still reading.
 */
export function rebuildSearchDocs(db: Database): void {
  db.exec("INSERT INTO conversation_search (conversation_search) VALUES ('delete-all')")
  // Migrations older than customer_sort (0080) rebuild the index too; their documents go without
  // the name lead, and migration 0120 writes every document again with it.
  const nameLead = (stmt(db, "SELECT count(*) FROM pragma_table_info('conversations') WHERE name = 'customer_sort'").pluck().get() as number) > 0
  const slice = stmt(db, `${DOC_SELECT} WHERE c.id > ? ORDER BY c.id LIMIT 5000`)
  for (let after = 0; ; ) {
    const rows = slice.all(after) as DocRow[]
    rows.forEach((row) => writeFromRow(db, row, nameLead))
    if (rows.length < 5000) break
    after = rows.at(-1)!.id
  }
}

/** Drops every document, for when the whole cache is dropped. */
export function clearSearchDocs(db: Database): void {
  stmt(db, "INSERT INTO conversation_search (conversation_search) VALUES ('delete-all')").run()
}

/** One word of a search: the labels whose name has a word it begins, and how it is matched in the text. */
export interface SearchWord {
  labelIds: number[]
  /** An FTS5 expression for the word in the text columns; null when no indexed word can match it. */
  text: string | null
}

const asPrefix = (term: string): string => `"${term}"*`

function searchWords(search: string, labels: readonly { id: number; name: string }[], text: (term: string) => string | null): SearchWord[] {
  return searchTerms(search).map((term) => ({
    labelIds: labels.filter((l) => searchTerms(l.name).some((word) => word.startsWith(term))).map((l) => l.id),
    text: text(term),
  }))
}

/**
 * An FTS5 query where every word must match (AND), each as a prefix of a word in the customer,
 * handle, ticket or message text, or naming a label (the label ids whose name has a word
 * starting with it). Terms are quoted, so nothing the user types is FTS5 syntax.
 */
export function ftsQuery(search: string, labels: readonly { id: number; name: string }[]): string | null {
  const words = searchWords(search, labels, asPrefix)
  return words.length === 0 ? null : wordsQuery(words)
}

function wordsQuery(words: readonly SearchWord[]): string {
  return words
    .map(({ labelIds, text }) => {
      const inText = `{who body} : ${text}`
      return labelIds.length === 0 ? `(${inText})` : `(${inText} OR labels : (${labelIds.map((id) => `lbl${id}`).join(' OR ')}))`
    })
    .join(' AND ')
}

/** A search as the cache runs it: its FTS5 query, and its words for single-id searches (null when it has no cheap form). */
export interface CacheSearch {
  fts: string
  words: SearchWord[] | null
}

/**
 * The search with its long words spelled out (spelledOutWords) wherever that can be done, else as
 * ftsQuery writes it: the same matches either way. A prefix without a list of its own is merged
 * from every word it begins, in full, each time a query starts (about 4 ms for "refund" at a
 * million conversations, before the first match); the words it stands for, named, are read
 * lazily, as far as a query goes. Looking them up costs less than one such merge.
 */
export function cacheSearch(db: Database, search: string, labels: readonly { id: number; name: string }[]): CacheSearch | null {
  const words = spelledOutWords(db, search, labels)
  if (words !== null && words.length > 0 && words.every((word) => word.text !== null)) return { fts: wordsQuery(words), words }
  // A word no indexed word begins keeps its prefix: the query must still say it matches nothing.
  const plain = ftsQuery(search, labels)
  return plain === null ? null : { fts: plain, words }
}

/** The words of a search that a conversation's own labels do not satisfy, as one FTS5 query on the text; true when none is left. */
export function textQuery(words: readonly SearchWord[], labelSet: string): string | null | true {
  const left = words.filter((word) => !word.labelIds.some((id) => labelSet.includes(`,${id},`)))
  if (left.length === 0) return true
  return left.some((word) => word.text === null) ? null : left.map((word) => `({who body} : ${word.text})`).join(' AND ')
}

/** The indexed words, one row per word (fts5vocab; a temp table of each connection, see connection.ts). */
export const SEARCH_WORDS = 'temp.search_words'

/**
 * Most indexed words one typed word is spelled out as. Each is one more list a query reads and one
 * more lookup per id; a word past it ("santoso", which begins hundreds of e-mail handles) keeps its
 * prefix, and its search other plans than single ids.
 */
const SPELLED_OUT_MAX = 8

/**
 * The words of a search for searching single ids, each long one spelled out as the indexed words
 * it begins. A prefix is cheap to look up per id only when the index holds a list for it (up to
 * three letters, migration 0110): any longer one merges the lists of every word it begins on each
 * lookup, about 5 ms at a million conversations, where the same words named one by one take some
 * 25 µs. Null when a word begins too many indexed words, or is not plain ASCII.
 */
export function spelledOutWords(db: Database, search: string, labels: readonly { id: number; name: string }[]): SearchWord[] | null {
  const indexed = stmt(db, `SELECT term FROM ${SEARCH_WORDS} WHERE term >= ? AND term < ? LIMIT ${SPELLED_OUT_MAX + 1}`).pluck()
  let usable = true
  const words = searchWords(search, labels, (term) => {
    if (Array.from(term).length <= 3) return asPrefix(term)
    // FTS5 folds the words of a query with its own table, which reaches letters NFKD leaves
    // alone (a final ς read as σ); spelled out from the index, such a word could name other words than its prefix does.
    if (!/^[a-z0-9]+$/.test(term)) usable = false
    if (!usable) return null
    const found = indexed.all(term, prefixEnd(term)) as string[]
    if (found.length > SPELLED_OUT_MAX) usable = false
    // Indexed words are letters and digits (the tokenizer's), so quoting them needs no escape.
    return found.length === 0 ? null : `(${found.map((word) => `"${word}"`).join(' OR ')})`
  })
  return usable ? words : null
}

/** The first string after every string that begins with `term`. */
export function prefixEnd(term: string): string {
  const chars = Array.from(term)
  let next = chars.pop()!.codePointAt(0)! + 1
  // A lone surrogate is not text SQLite can compare; the next code point that is.
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000
  return chars.join('') + String.fromCodePoint(next)
}
