import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Conversation } from '../../../shared/domain'
import { packConversations } from '../../../electron/main/backend/packed'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { conversationIds } from '../../../electron/main/db/queries/conversations'
import { readSyncState } from '../../../electron/main/db/queries/sync-state'
import { SyncWriter, WriteJobError } from '../../../electron/main/sync/sync-writer'
import type { WriteJob } from '../../../electron/main/sync/write-jobs'
import type { PackedSlice } from '../../../electron/main/sync/writer-protocol'
import { Cleanup, tempDir } from '../support/reference'
import { conversation } from '../support/domain'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

const END = { startCursor: '42', unidentified: 0 }
/** The server's clock at the writes: after the fixtures' times. */
const NOW = 1_700_000_100_000

const slice = (items: Conversation[], end: boolean): WriteJob<'bootstrap-slice'> => ({ kind: 'bootstrap-slice', items, fresh: true, skippedIds: [], end: end ? END : null, now: NOW })

const packedSlice = (items: Conversation[], end: boolean): PackedSlice => ({
  kind: 'bootstrap-slice',
  packed: packConversations(items),
  fresh: true,
  skippedIds: [],
  end: end ? END : null,
  now: NOW,
})

/** A record SQLite refuses (NOT NULL), standing for any write that fails mid-bootstrap. */
const broken = (id: number): Conversation => ({ ...conversation(id), channel: null as unknown as Conversation['channel'] })

function open(file: string): Database {
  const db = openDatabase(file)
  cleanup.add(() => db.close())
  return db
}

describe.each([
  ['on its worker thread', true],
  ['on the main connection', false],
])('SyncWriter %s', (_, threaded) => {
  it('commits slices in order, and after a failed one refuses the rest of its chain, so the cursor is never written', async () => {
    const db = open(threaded ? join(tempDir(cleanup), 'cache.sqlite') : ':memory:')
    const writer = new SyncWriter(db, () => {})
    writer.start()
    cleanup.add(() => writer.stop())
    expect(writer.threaded).toBe(threaded)

    await writer.run({ kind: 'bootstrap-begin', resolvedSince: 0, fresh: true })
    const chain = writer.newChain()
    expect(await writer.run(slice([conversation(1), conversation(2)], false), chain)).toEqual([1, 2])
    // Sent without waiting, as the bootstrap does (the writer thread may commit them together).
    const results = await Promise.allSettled([
      writer.run(slice([conversation(3), broken(4)], false), chain),
      writer.run(slice([conversation(5)], true), chain),
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    const failed = (results[0] as PromiseRejectedResult).reason as Error
    if (threaded) expect(failed).toBeInstanceOf(WriteJobError)
    expect(failed.message).toMatch(/NOT NULL/)

    // Nothing of the failed slice, nothing after it.
    expect(conversationIds(db)).toEqual([1, 2])
    expect(readSyncState(db).cursor).toBeNull()

    // Another chain is not affected: a later bootstrap writes its slices, in order, and its cursor.
    const next = writer.newChain()
    const written = await Promise.all([
      writer.run(slice([conversation(3)], false), next),
      writer.run(slice([conversation(5), conversation(6)], false), next),
      writer.run(slice([conversation(7)], true), next),
    ])
    expect(written).toEqual([[3], [5, 6], [7]])
    expect(conversationIds(db)).toEqual([1, 2, 3, 5, 6, 7])
    expect(readSyncState(db).cursor).toBe('42')
  })

  it('writes slices whose records come packed like any other, and their bytes leave the sender', async () => {
    const db = open(threaded ? join(tempDir(cleanup), 'cache.sqlite') : ':memory:')
    const writer = new SyncWriter(db, () => {})
    writer.start()
    cleanup.add(() => writer.stop())

    await writer.run({ kind: 'bootstrap-begin', resolvedSince: 0, fresh: true })
    const chain = writer.newChain()
    const first = packedSlice([conversation(1), conversation(2)], false)
    const written = await Promise.all([writer.run(first, chain), writer.run(packedSlice([conversation(3)], true), chain)])
    expect(written).toEqual([[1, 2], [3]])
    // Moved to the thread, not copied.
    if (threaded) expect(first.packed.byteLength).toBe(0)
    expect(conversationIds(db)).toEqual([1, 2, 3])
    expect(readSyncState(db).cursor).toBe('42')
  })
})
