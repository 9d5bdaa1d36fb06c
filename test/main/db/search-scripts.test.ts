/**
 * A customer is found by their name typed exactly as the row shows it, in whatever script: the
 * search folds what is typed, and the documents are written folded alike, so the tokenizer splits
 * both the same way (Devanagari at its vowel signs, full-width letters and ligatures as plain ones).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { countConversations, listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { upsertMessages } from '../../../electron/main/db/queries/messages'
import { refreshSearchDoc } from '../../../electron/main/db/queries/search-index'
import { conversation, message } from '../support/domain'

const NAMES = ['प्रिया शर्मा', '김민수', 'がっこう たろう', 'Ｓｈｏｐ Ｍａｎａｇｅｒ', 'ﬁona ﬂores', 'José Müller', 'Nguyễn Thị Hoa', 'Ørjan Łukasz', 'Budi\u200bSantoso\u2060 Rahman', 'Đặng Thị Straße']
let db: Database

beforeAll(() => {
  db = openDatabase(':memory:')
  upsertConversations(
    db,
    NAMES.map((name, i) => conversation(i + 1, { customer: { id: 100 + i, name, handle: `customer${i}@example.com` }, lastMessage: { text: 'नमस्ते, ｆｕｌｌ ﬁnance', at: 1_700_000_000_000, direction: 'in' } })),
  )
  upsertMessages(db, [message(1, 1, { text: 'Mohon bantuan, पैकेज नहीं मिला, dari Đà Nẵng' })])
  refreshSearchDoc(db, 1)
})

const found = (search: string): number[] => listConversations(db, { tab: 'all', filters: { search }, limit: 50, after: null }).rows.map((c) => c.id)

describe('search in every script', () => {
  it.each(NAMES.map((name, i) => [name, i + 1] as const))('finds %s by the name as shown, and by its first word', (name, id) => {
    expect(found(name)).toEqual([id])
    expect(found(name.split(' ')[0]!)).toContain(id)
    expect(countConversations(db, { search: name }).all).toBe(1)
  })

  it('finds the last message and a cached thread by their words as written', () => {
    expect(found('नमस्ते')).toHaveLength(NAMES.length)
    expect(found('ｆｕｌｌ')).toHaveLength(NAMES.length)
    expect(found('full')).toHaveLength(NAMES.length)
    expect(found('finance')).toHaveLength(NAMES.length)
    expect(found('पैकेज')).toEqual([1])
  })

  it('finds a name with zero-width characters inside by what the screen shows', () => {
    expect(found('BudiSantoso')).toEqual([9])
    expect(found('budisan')).toEqual([9])
  })

  it('still folds Latin accents both ways', () => {
    expect(found('jose muller')).toEqual([6])
    expect(found('nguyen thi')).toEqual([7])
  })

  it('finds a letter Unicode does not take apart (Đ, Ł, Ø, ß) by its plain spelling, as a keyboard without it types it', () => {
    expect(found('dang thi')).toEqual([10])
    expect(found('DANG')).toEqual([10])
    expect(found('strasse')).toEqual([10])
    expect(found('lukasz orjan')).toEqual([8])
    expect(found('da nang')).toEqual([1])
    expect(countConversations(db, { search: 'dang' }).all).toBe(1)
  })
})
