import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { migrateOffThread } from '../../../electron/main/db/migrate-off-thread'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { nameLeadQuery, refreshSearchDoc } from '../../../electron/main/db/queries/search-index'
import type { Sort } from '../../../shared/ipc/conversation-sort'
import { conversation } from '../support/domain'

/**
 * Names with a Latin letter Unicode does not take apart (Đ, Ł, Æ, ß) sort by their plain spelling
 * in the A–Z order, as the search finds them: kept as they were, their letters compared above every
 * plain one, so "Đặng" and "Łukasz" stood after "Zaki".
 */
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-sort-plain-'))
  dirs.push(dir)
  return join(dir, 'cache.sqlite')
}

const NAMES = ['Zaki', 'Đặng Văn Lâm', 'Dewi', 'Łukasz', 'Lina', 'Ærø Shop', 'Budi', 'Straße Ayu', 'Sari']
const chats = () => NAMES.map((name, i) => conversation(i + 1, { customer: { id: 800 + i, name, handle: `h${i}` } }))
/** As a supervisor reads the list: by the names' plain spelling. */
const ALPHABETICAL = ['Ærø Shop', 'Budi', 'Đặng Văn Lâm', 'Dewi', 'Lina', 'Łukasz', 'Sari', 'Straße Ayu', 'Zaki']

const namesIn = (db: Database, sort: Sort): string[] =>
  listConversations(db, { tab: 'all', sort, filters: {}, after: null, limit: 100 }).rows.map((c) => c.customer.name)

/** The key as Observe wrote it before migration 0300: accents off, the other letters kept. */
const keyBefore0300 = (name: string): string => name.normalize('NFKD').replace(/[\p{M}\p{Cf}]+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()

const leadMatches = (db: Database, word: string): number[] =>
  db.prepare('SELECT rowid FROM conversation_search WHERE conversation_search MATCH ? ORDER BY rowid').pluck().all(nameLeadQuery(word)) as number[]

describe('letters Unicode does not take apart, in customer names', () => {
  it('sort by their plain spelling, both ways', () => {
    const db = openDatabase(tempFile())
    db.transaction(() => upsertConversations(db, chats()))()
    expect(namesIn(db, 'customer_asc')).toEqual(ALPHABETICAL)
    expect(namesIn(db, 'customer_desc')).toEqual([...ALPHABETICAL].reverse())
    db.close()
  })

  it('are rekeyed in a cache written before, with the name leads of their search documents', async () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 300))
    old.transaction(() => {
      upsertConversations(old, chats())
      const rekey = old.prepare('UPDATE conversations SET customer_sort = ? WHERE id = ?')
      for (const c of chats()) {
        rekey.run(keyBefore0300(c.customer.name), c.id)
        refreshSearchDoc(old, c.id)
      }
    })()
    // As the older version left it: the kept letters after every plain one.
    expect(namesIn(old, 'customer_asc')).toEqual(['Budi', 'Dewi', 'Lina', 'Sari', 'Straße Ayu', 'Zaki', 'Ærø Shop', 'Đặng Văn Lâm', 'Łukasz'])
    expect(leadMatches(old, 'dang')).toEqual([])
    old.close()

    await migrateOffThread(file)
    const db = openDatabase(file)
    expect(namesIn(db, 'customer_asc')).toEqual(ALPHABETICAL)
    expect(leadMatches(db, 'dang')).toEqual([2])
    expect(leadMatches(db, 'lukasz')).toEqual([4])
    // A name with nothing to spell plainly keeps its key.
    expect(db.prepare('SELECT customer_sort FROM conversations WHERE id = 3').pluck().get()).toBe('dewi')
    db.close()
  })
})
