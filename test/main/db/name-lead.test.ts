import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { resolveFilters } from '../../../electron/main/db/queries/conversation-filters'
import { listConversationsSql, type Keyset } from '../../../electron/main/db/queries/conversation-list'
import { upsertConversations } from '../../../electron/main/db/queries/conversations'
import { leadRange } from '../../../electron/main/db/queries/name-lead'
import { nameLeadQuery, refreshSearchDoc } from '../../../electron/main/db/queries/search-index'
import { migration0120 } from '../../../electron/main/db/migrations/0120-search-name-leads'
import type { Conversation } from '../../../shared/domain'
import type { Filters, Tab } from '../../../shared/ipc'
import type { Sort } from '../../../shared/ipc/conversation-sort'
import { COMMON_FIRST, fillCache, generateConversations } from '../../bench/generate'
import { searchScanIds } from './search-scan'

/**
 * A search for a common first name in the customer-name order is answered from the names that
 * begin with it plus the matches elsewhere (name-lead.ts). Held to a scan of the table, with names
 * that sit on the edges of that split: the word later in the name or only in the handle, a name
 * the tokenizer reads differently from the name order (an emoji or letters styled as Unicode
 * symbols in front), and accents.
 */
const NOW = 1_750_000_000_000
let db: Database

const EDGE_NAMES: [name: string, handle: string][] = [
  ['Siti Muhammad', '@siti_m'],
  ['Budi Santoso', 'muhammad.rizal@gmail.com'],
  ['🌸Muhammad Ali', '@flower'],
  ['(Muhammad) Iqbal', '@iqbal'],
  ['𝓜𝓾𝓱𝓪𝓶𝓶𝓪𝓭 Fancy', '@fancy'],
  ['Mühammad Umlaut', '@umlaut'],
  ['MUHAMMAD CAPS', '@caps'],
  ['Muhammadiyah Center', '@center'],
  ['', '@muhammad_noname'],
  ['Muhamad Satu-M', '@one_m'],
]

/** Conversations whose customers bear the edge names, from id 50,000 on. */
function edgeConversations(): Conversation[] {
  const base = [...generateConversations({ count: EDGE_NAMES.length * 3, now: NOW, firstId: 50_000, seed: 9 })]
  return base.map((c, i) => {
    const [name, handle] = EDGE_NAMES[i % EDGE_NAMES.length]!
    return { ...c, customer: { ...c.customer, name, handle } }
  })
}

beforeAll(() => {
  db = openDatabase(':memory:')
  fillCache(db, { count: 12_000, now: NOW })
  db.transaction(() => upsertConversations(db, edgeConversations()))()
  db.exec('ANALYZE')
  // What the tests below rely on: most matches of the common name sit in its range of names, not
  // all (the edge names put some elsewhere, and the styled letters in the range match nothing).
  const range = leadRange('muhammad')
  const ranged = db.prepare('SELECT count(*) FROM conversations WHERE customer_sort >= ? AND customer_sort < ?').pluck().get(range.from, range.below) as number
  const total = db
    .prepare('SELECT count(*) FROM conversation_search WHERE conversation_search MATCH ?')
    .pluck()
    .get(resolveFilters(db, { search: COMMON_FIRST }).fts) as number
  expect(ranged / total).toBeGreaterThan(0.8)
  expect(ranged).toBeLessThan(total)
})

const SEARCHES = ['muhammad', 'muh', 'mu', 'siti']
const SHAPES: Record<string, Filters> = {
  none: {},
  'channel + type': { channels: ['whatsapp', 'email'], type: 'inbox' },
  label: { labelIds: [2] },
}
const CASES: [Tab, Sort][] = [
  ['all', 'customer_asc'],
  ['all', 'customer_desc'],
  ['handled', 'customer_asc'],
  ['handled', 'customer_desc'],
]

const scanIds = (tab: Tab, sort: Sort, filters: Filters): number[] => searchScanIds(db, tab, sort, filters, 120)

/** Pages of 40 through the keyset, every one by the plan, until 120 rows or the end. */
function leadPages(tab: Tab, sort: Sort, filters: Filters): { ids: number[]; plans: string[] } {
  const ids: number[] = []
  const plans: string[] = []
  const asOf = db.prepare('SELECT rev FROM sync_state WHERE id = 1').pluck().get() as number
  let after: Keyset | null = null
  while (ids.length < 120) {
    const page = listConversationsSql({ tab, sort, filters, after, limit: 40 }, db, { kind: 'lead' })
    plans.push(page.plan.kind)
    const rows = db.prepare(page.sql).all(...page.params) as { id: number; sort_key: string }[]
    ids.push(...rows.slice(0, 40).map((r) => r.id))
    if (rows.length <= 40) break
    const last = rows[39]!
    after = { key: last.sort_key, id: last.id, asOf }
  }
  return { ids, plans }
}

describe('a common first name in the customer-name order', () => {
  for (const [tab, sort] of CASES) {
    it(`${tab} × ${sort}: three pages from the names that begin with the word equal a scan`, () => {
      for (const search of SEARCHES) {
        for (const [shape, filters] of Object.entries(SHAPES)) {
          const expected = scanIds(tab, sort, { ...filters, search })
          const { ids, plans } = leadPages(tab, sort, { ...filters, search })
          expect(ids, `${search} / ${shape}`).toEqual(expected)
          expect(plans[0], `${search} / ${shape}`).toBe('lead')
        }
      }
    })
  }

  it('reads the range up to the next string of the same length', () => {
    expect(leadRange('muh')).toEqual({ from: 'muh', below: 'mui' })
    expect(leadRange('z')).toEqual({ from: 'z', below: '{' })
    // The code point after U+D7FF would be a lone surrogate.
    expect(leadRange('a\u{d7ff}').below).toBe('a\u{e000}')
    expect(leadRange('ab😀').below).toBe('ab😁')
  })

  it('is not taken for a search of several words, which is not one range of names', () => {
    const page = listConversationsSql({ tab: 'all', sort: 'customer_asc', filters: { search: 'muhammad santoso' }, after: null, limit: 40 }, db, { kind: 'lead' })
    expect(page.plan.kind).not.toBe('lead')
    expect((db.prepare(page.sql).all(...page.params) as { id: number }[]).map((r) => r.id).slice(0, 40)).toEqual(
      scanIds('all', 'customer_asc', { search: 'muhammad santoso' }).slice(0, 40),
    )
  })
})

describe('choosing the names that begin with the word, on a cache where the common name has more than a few thousand matches', () => {
  let big: Database
  beforeAll(() => {
    big = openDatabase(':memory:')
    fillCache(big, { count: 72_000, now: NOW, seed: 3 })
    big.exec('ANALYZE')
  })
  const plan = (search: string, sort: Sort): string => listConversationsSql({ tab: 'all', sort, filters: { search }, after: null, limit: 50 }, big).plan.kind

  it('is chosen for the common first name in both directions, and its page equals a scan', () => {
    for (const sort of ['customer_asc', 'customer_desc'] as const) {
      expect(plan('muhammad', sort)).toBe('lead')
      const page = listConversationsSql({ tab: 'all', sort, filters: { search: 'muhammad' }, after: null, limit: 50 }, big)
      const ids = (big.prepare(page.sql).all(...page.params) as { id: number }[]).map((r) => r.id).slice(0, 50)
      const expected = searchScanIds(big, 'all', sort, { search: 'muhammad' }, 50)
      expect(ids).toEqual(expected)
    }
  })

  it('is not chosen for a word spread over every name, nor in the activity order', () => {
    expect(plan('kak', 'customer_asc')).not.toBe('lead')
    expect(listConversationsSql({ tab: 'all', sort: 'activity_desc', filters: { search: 'muhammad' }, after: null, limit: 50 }, big).plan.kind).not.toBe('lead')
  })
})

describe('the name lead in the search index', () => {
  /** Words a search may hold, some of them only the start of a name's first word, in other scripts, or styled. */
  const TERMS = ['muhammad', 'mu', 'm', 'muhammadiyah', 'siti', '(muh', '🌸mu', '𝓜𝓾', 'mühammad', 'budi']

  const byLead = (on: Database, term: string): number[] =>
    on.prepare('SELECT rowid FROM conversation_search WHERE conversation_search MATCH ? ORDER BY rowid').pluck().all(nameLeadQuery(term)) as number[]
  const byRange = (on: Database, term: string): number[] => {
    const range = leadRange(term)
    return on.prepare('SELECT id FROM conversations WHERE customer_sort >= ? AND customer_sort < ? ORDER BY id').pluck().all(range.from, range.below) as number[]
  }
  const expectSameAsRange = (on: Database): void => {
    for (const term of TERMS) expect(byLead(on, term), term).toEqual(byRange(on, term))
  }
  const small = (): Database => {
    const fresh = openDatabase(':memory:')
    fillCache(fresh, { count: 600, now: NOW })
    fresh.transaction(() => upsertConversations(fresh, edgeConversations()))()
    return fresh
  }

  it('finds exactly the names of the range the name order reads', () => {
    expectSameAsRange(db)
    expect(byLead(db, 'muhammad').length).toBeGreaterThan(100)
    expect(byRange(db, '🌸mu')).not.toEqual([])
  })

  it('is not offered for a word longer than the token keeps, or for more than one word', () => {
    expect(nameLeadQuery('muhammadiyahcenter')).toBeNull()
    expect(nameLeadQuery('muhammad ali')).toBeNull()
    expect(nameLeadQuery('')).toBeNull()
  })

  it('follows the name when a conversation is written again, and when its document is refreshed', () => {
    const fresh = small()
    const renamed = edgeConversations().slice(0, 4).map((c) => ({ ...c, version: c.version + 1, customer: { ...c.customer, name: 'Siti Rahma' } }))
    fresh.transaction(() => upsertConversations(fresh, renamed))()
    expectSameAsRange(fresh)
    expect(byLead(fresh, 'siti')).toEqual(expect.arrayContaining(renamed.map((c) => c.id)))
    refreshSearchDoc(fresh, renamed[0]!.id)
    expectSameAsRange(fresh)
  })

  it('is written for every existing conversation by migration 0120', () => {
    const fresh = small()
    fresh.exec("INSERT INTO conversation_search (conversation_search) VALUES ('delete-all')")
    expect(byLead(fresh, 'muhammad')).toEqual([])
    migration0120.up(fresh)
    expectSameAsRange(fresh)
  })
})
