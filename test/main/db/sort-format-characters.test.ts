import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, schemaVersion, type Database } from '../../../electron/main/db/connection'
import { migrateOffThread } from '../../../electron/main/db/migrate-off-thread'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { nameLeadQuery, refreshSearchDoc } from '../../../electron/main/db/queries/search-index'
import type { Sort } from '../../../shared/ipc/conversation-sort'
import { conversation } from '../support/domain'
import { withLaterColumns } from '../support/later-columns'

/**
 * Names pasted with invisible format characters (zero-width spaces and joiners, a byte order mark,
 * a soft hyphen, direction marks and isolates) sort by their letters in the A–Z order: kept in
 * the key, the character decided the name's place instead (after every letter, or before them
 * when the list runs Z to A).
 */
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-sort-format-'))
  dirs.push(dir)
  return join(dir, 'cache.sqlite')
}

/** Each with the name as it reads on screen, by which the order is checked. */
const NAMES: [stored: string, reads: string][] = [
  ['\u200BZed', 'Zed'],
  ['Adam', 'Adam'],
  ['\u2066Yusuf\u2069', 'Yusuf'],
  ['\u200EXena', 'Xena'],
  ['\uFEFFWati', 'Wati'],
  ['\u202EVera', 'Vera'],
  ['Bu\u00ADdi', 'Budi'],
  ['\u200DCitra', 'Citra'],
  ['Dewi\u2060 Lestari', 'Dewi Lestari'],
  ['Eko \u200B Prasetyo', 'Eko Prasetyo'],
]
const READS = new Map(NAMES.map(([stored, reads]) => [stored, reads]))
const chats = () => NAMES.map(([name], i) => conversation(i + 1, { customer: { id: 700 + i, name, handle: `h${i}` } }))

const namesIn = (db: Database, sort: Sort): string[] =>
  listConversations(db, { tab: 'all', sort, filters: {}, after: null, limit: 100 }).rows.map((c) => READS.get(c.customer.name)!)

const alphabetical = [...NAMES.map(([, reads]) => reads)].sort()

/** The key as Observe wrote it before migration 0210: format characters kept. */
const keyBefore0210 = (name: string): string =>
  Array.from(name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim())
    .slice(0, 64)
    .join('')

/** The conversations whose search document carries `word` as its name's first word. */
const leadMatches = (db: Database, word: string): number[] =>
  db.prepare('SELECT rowid FROM conversation_search WHERE conversation_search MATCH ? ORDER BY rowid').pluck().all(nameLeadQuery(word)) as number[]

describe('format characters in customer names', () => {
  it('are left out of the A–Z order, both ways', () => {
    const db = openDatabase(tempFile())
    db.transaction(() => upsertConversations(db, chats()))()
    expect(namesIn(db, 'customer_asc')).toEqual(alphabetical)
    expect(namesIn(db, 'customer_desc')).toEqual([...alphabetical].reverse())
    // The soft hyphen and the joiner inside a name take no room: "Budi" is one word.
    expect(db.prepare('SELECT customer_sort FROM conversations WHERE id IN (7, 9, 10) ORDER BY id').pluck().all()).toEqual(['budi', 'dewi lestari', 'eko prasetyo'])
    db.close()
  })

  it('are taken out of the keys of a cache written before, with the name leads of their search documents, off the main thread', async () => {
    const file = tempFile()
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version < 210))
    withLaterColumns(old, () => {
      old.transaction(() => {
        upsertConversations(old, chats())
        const rekey = old.prepare('UPDATE conversations SET customer_sort = ? WHERE id = ?')
        for (const c of chats()) {
          rekey.run(keyBefore0210(c.customer.name), c.id)
          refreshSearchDoc(old, c.id)
        }
      })()
      // As the older version left it: names behind a format character after every letter (its
      // UTF-8 bytes compare above them), "Citra" below "Eko Prasetyo", and Zed's document not led by "zed".
      expect(namesIn(old, 'customer_asc')).toEqual(['Adam', 'Budi', 'Dewi Lestari', 'Eko Prasetyo', 'Wati', 'Zed', 'Citra', 'Xena', 'Vera', 'Yusuf'])
      expect(leadMatches(old, 'zed')).toEqual([])
    })
    old.close()

    await migrateOffThread(file)
    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version)
    expect(namesIn(db, 'customer_asc')).toEqual(alphabetical)
    expect(leadMatches(db, 'zed')).toEqual([1])
    expect(leadMatches(db, 'yusuf')).toEqual([3])
    // A name with nothing to take out keeps its key and its document.
    expect(db.prepare('SELECT customer_sort FROM conversations WHERE id = 2').pluck().get()).toBe('adam')
    expect(leadMatches(db, 'adam')).toEqual([2])
    db.close()
  })
})
