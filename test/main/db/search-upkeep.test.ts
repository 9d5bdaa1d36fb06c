import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { countConversations, listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { searchSegments, TIDY_ABOVE_SEGMENTS, tidySearchIndex } from '../../../electron/main/db/queries/search-upkeep'
import { SyncWriter } from '../../../electron/main/sync/sync-writer'
import type { Conversation } from '../../../shared/domain'
import type { Filters } from '../../../shared/ipc'
import { conversation } from '../support/domain'
import { Cleanup, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

const NAMES = ['Muhammad Rizki', 'Siti Aminah', 'Budi Santoso', 'Dewi Lestari', 'Muhammad Iqbal']
const TEXTS = ['mau refund kak', 'paket belum sampai', 'promo masih ada?']

/** Conversation `id` with a name, handle and message text that searches can tell apart. */
const row = (id: number): Conversation =>
  conversation(id, {
    customer: { id: 500 + id, name: `${NAMES[id % NAMES.length]!} ${id}`, handle: `+62 812-${id}` },
    status: id % 3 === 0 ? 'handled' : 'in_queue',
    lastMessage: { text: TEXTS[id % TEXTS.length]!, at: 1_700_000_000_000 + id, direction: 'in' },
  })

const SEARCHES: Filters[] = [{ search: 'muhammad' }, { search: 'm' }, { search: 'refund' }, { search: 'siti 1' }, { search: '0812' }]

/** What every search answers: its counts and its first page in the All tab. */
function answers(db: Database): unknown[] {
  return SEARCHES.map((filters) => ({
    counts: countConversations(db, filters),
    page: listConversations(db, { tab: 'all', filters, after: null, limit: 50 }).rows.map((c) => c.id),
  }))
}

/** One commit per `size` rows, as a bootstrap makes them. */
function writeInCommits(db: Database, first: number, commits: number, size: number): void {
  for (let i = 0; i < commits; i++) {
    const rows = Array.from({ length: size }, (_, j) => row(first + i * size + j))
    db.transaction(() => upsertConversations(db, rows, { fresh: true }))()
  }
}

/** FTS5 merging as it goes would hide the segments each commit writes. */
const noMergingAsItGoes = (db: Database): void => void db.exec("INSERT INTO conversation_search (conversation_search, rank) VALUES ('automerge', 0)")

function openCache(file = join(tempDir(cleanup), 'cache.sqlite')): Database {
  const db = openDatabase(file)
  cleanup.add(() => db.close())
  noMergingAsItGoes(db)
  return db
}

describe('search index upkeep', () => {
  it('writes one segment per commit, however many conversations it holds', () => {
    const db = openCache()
    writeInCommits(db, 1, 3, 40)
    expect(searchSegments(db)).toBe(3)
  })

  it('merges an index of many segments into one, and every search answers the same', () => {
    const db = openCache()
    writeInCommits(db, 1, 12, 40)
    expect(searchSegments(db)).toBe(12)
    const before = answers(db)
    // Worth comparing: every search finds something.
    expect(before.every((a) => (a as { page: number[] }).page.length > 0)).toBe(true)
    tidySearchIndex(db, 4)
    expect(searchSegments(db)).toBe(1)
    expect(answers(db)).toEqual(before)
  })

  it('leaves an index of few segments alone', () => {
    const db = openCache()
    writeInCommits(db, 1, TIDY_ABOVE_SEGMENTS, 10)
    tidySearchIndex(db)
    expect(searchSegments(db)).toBe(TIDY_ABOVE_SEGMENTS)
  })
})

describe.each([
  ['on its worker thread', true],
  ['on the main connection', false],
])('the sync writer %s', (_, threaded) => {
  it('merges the search index a small step per job', async () => {
    const db = openCache(threaded ? join(tempDir(cleanup), 'cache.sqlite') : ':memory:')
    writeInCommits(db, 1, 10, 20)
    expect(searchSegments(db)).toBe(10)
    const before = answers(db)
    const writer = new SyncWriter(db, () => {})
    writer.start()
    cleanup.add(() => writer.stop())
    expect(writer.threaded).toBe(threaded)

    let steps = 0
    while (await writer.run({ kind: 'tidy-search', pages: 2 })) steps++
    // Small steps: the merge took several of them, each its own job.
    expect(steps).toBeGreaterThan(1)
    expect(searchSegments(db)).toBe(1)
    expect(answers(db)).toEqual(before)
  })
})
