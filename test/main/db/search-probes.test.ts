import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { labelNames } from '../../../electron/main/db/queries/conversation-filters'
import { listConversations, listConversationsSql } from '../../../electron/main/db/queries/conversation-list'
import { upsertConversations } from '../../../electron/main/db/queries/conversations'
import { cacheSearch, ftsQuery, spelledOutWords, textQuery } from '../../../electron/main/db/queries/search-index'
import type { Conversation } from '../../../shared/domain'
import type { Tab } from '../../../shared/ipc'
import { TAB_SORTS, sortField } from '../../../shared/ipc/conversation-sort'
import { fillCache, generateConversations } from '../../bench/generate'
import { searchScanIds } from './search-scan'

/**
 * In the name order, a walk is checked by searching single ids, with each long word spelled out as
 * the indexed words it begins and a word a label satisfies checked against the row's own labels
 * (search-window.ts's MatchProbe). Held to a scan of the table against the plain prefix search,
 * with rows whose only match is a longer word than the one typed, or only a label.
 */
const NOW = 1_750_000_000_000
const REFUND_LABEL = 2
let db: Database

/** Customers named to sort first, each matching the searches below another way. */
const EDGES: [name: string, text: string, labelIds: number[]][] = [
  ['Aaron Refundable', 'halo kak', []],
  ['Abby', 'sudah refunded belum?', []],
  ['Abe', 'minta refunds untuk pesanan', [3]],
  ['Ada', 'terima kasih', [REFUND_LABEL]],
  ['Adi', 'Ørsted kirim paket', []],
  ...Array.from({ length: 10 }, (_, i): [string, string, number[]] => [`Aga ${i}`, `kode probe${i} dikirim`, []]),
]

beforeAll(() => {
  db = openDatabase(':memory:')
  fillCache(db, { count: 6000, now: NOW })
  const base = [...generateConversations({ count: EDGES.length * 3, now: NOW, firstId: 50_000, seed: 4 })]
  const edges: Conversation[] = base.map((c, i) => {
    const [name, text, labelIds] = EDGES[i % EDGES.length]!
    return { ...c, customer: { ...c.customer, name, handle: `@edge${i}` }, labelIds, lastMessage: c.lastMessage && { ...c.lastMessage, text } }
  })
  db.transaction(() => upsertConversations(db, edges))()
  db.exec('ANALYZE')
})

describe('a search spelled out for single ids', () => {
  it('names every indexed word a long word begins, and leaves short words as prefixes', () => {
    const [refund] = spelledOutWords(db, 'refund', labelNames(db))!
    expect(refund!.labelIds).toEqual([REFUND_LABEL])
    for (const word of ['"refund"', '"refundable"', '"refunded"', '"refunds"']) expect(refund!.text).toContain(word)
    expect(spelledOutWords(db, 'kak', labelNames(db))![0]!.text).toBe('"kak"*')
  })

  it('says when a word matches no indexed word, begins too many, or is folded by FTS5 its own way', () => {
    expect(spelledOutWords(db, 'zzzzq', labelNames(db))).toEqual([{ labelIds: [], text: null }])
    expect(spelledOutWords(db, 'probe', labelNames(db))).toBeNull()
    expect(spelledOutWords(db, 'σοφίας', labelNames(db))).toBeNull()
    // Ø is folded before the tokenizer sees it, as "o": a plain word again.
    expect(spelledOutWords(db, 'ørsted', labelNames(db))).toEqual([{ labelIds: [], text: '("orsted")' }])
  })

  it('searches only the words a row’s own labels leave unsatisfied', () => {
    const words = spelledOutWords(db, 'refund terima', labelNames(db))!
    expect(textQuery(words, `,${REFUND_LABEL},`)).toBe('({who body} : ("terima"))')
    expect(textQuery(words, ',3,')).toBe(`({who body} : ${words[0]!.text}) AND ({who body} : ("terima"))`)
    expect(textQuery(spelledOutWords(db, 'refund', labelNames(db))!, `,1,${REFUND_LABEL},`)).toBe(true)
    expect(textQuery(spelledOutWords(db, 'zzzzq', labelNames(db))!, ',1,')).toBeNull()
  })
})

describe('the search as the cache runs it', () => {
  it('names the indexed words of a long word, and keeps the prefix where spelling out cannot stand for it', () => {
    expect(cacheSearch(db, 'refunde', labelNames(db))!.fts).toBe('({who body} : ("refunded"))')
    for (const search of ['probe', 'σοφίας', 'zzzzq', 'kak']) expect(cacheSearch(db, search, labelNames(db))!.fts, search).toBe(ftsQuery(search, labelNames(db)))
  })

  it('finds in every tab and order what the plain prefix search finds', () => {
    for (const tab of ['all', 'in_queue', 'handled'] as const) {
      for (const sort of TAB_SORTS[tab]) {
        for (const search of ['refund', 'refunde', 'refund terima', 'terima kasih', 'zzzzq', 'probe']) {
          const ids = listConversations(db, { tab, sort, filters: { search }, after: null, limit: 100 }).rows.map((c) => c.id)
          expect(ids, `${tab} ${sort} ${search}`).toEqual(searchScanIds(db, tab, sort, { search }))
        }
      }
    }
  })
})

describe('pages in the name order, walked and checked by single ids', () => {
  const SEARCHES = ['refund', 'refunde', 'refund terima', 'terima kasih', 'kak', 'zzzzq', 'ørsted', 'probe']
  const TABS: Tab[] = ['all', 'handled']
  for (const tab of TABS) {
    for (const sort of TAB_SORTS[tab].filter((s) => sortField(s) === 'customer')) {
      it(`${tab} × ${sort}: equal a scan of the plain search`, () => {
        for (const search of SEARCHES) {
          const walked = listConversationsSql({ tab, sort, filters: { search }, after: null, limit: 100 }, db, { kind: 'window' })
          const ids = (db.prepare(walked.sql).all(...walked.params) as { id: number }[]).map((r) => r.id).slice(0, 100)
          expect(ids, search).toEqual(searchScanIds(db, tab, sort, { search }))
        }
      })
    }
  }

  it('find the rows that match only through a longer word or only through a label', () => {
    const walked = listConversationsSql({ tab: 'all', sort: 'customer_asc', filters: { search: 'refund' }, after: null, limit: 100 }, db, { kind: 'window' })
    const names = db
      .prepare(`SELECT cu.name FROM json_each(?) j JOIN conversations c ON c.id = j.value JOIN customers cu ON cu.id = c.customer_id`)
      .pluck()
      .all(JSON.stringify((db.prepare(walked.sql).all(...walked.params) as { id: number }[]).map((r) => r.id))) as string[]
    expect(walked.plan.kind).toBe('window')
    for (const name of ['Aaron Refundable', 'Abby', 'Abe', 'Ada']) expect(names).toContain(name)
    expect(names).not.toContain('Adi')
  })
})
