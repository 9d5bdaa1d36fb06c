import { afterEach, expect, it } from 'vitest'
import { cacheFile } from '../../../electron/main/core'
import { openDatabase } from '../../../electron/main/db/connection'
import { conversationCount, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { searchSegments, TIDY_ABOVE_SEGMENTS } from '../../../electron/main/db/queries/search-upkeep'
import { conversation } from '../support/domain'
import { Cleanup, connectionStatus, ipc, openCache, startCore, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

it('once online, the sync merges a search index of many segments into one, and searches still find what it wrote', async () => {
  const server = await startServer(cleanup, { seed: 400 })
  const dataDir = tempDir(cleanup)
  // A cache left with many segments: FTS5's merging as it goes is off in it (the setting is kept in
  // the index), so the bootstrap's commits add one each as well.
  const prepared = openDatabase(cacheFile(dataDir))
  prepared.exec("INSERT INTO conversation_search (conversation_search, rank) VALUES ('automerge', 0)")
  for (let i = 0; i < TIDY_ABOVE_SEGMENTS + 4; i++) {
    prepared.transaction(() => upsertConversations(prepared, [conversation(9_000_000 + i)], { fresh: true }))()
  }
  expect(searchSegments(prepared)).toBe(TIDY_ABOVE_SEGMENTS + 4)
  prepared.close()

  const { core } = await startCore(cleanup, server, dataDir)
  const db = openCache(cleanup, dataDir)
  await expect.poll(() => connectionStatus(core), { timeout: 20_000 }).toBe('online')
  await expect.poll(() => searchSegments(db), { timeout: 20_000 }).toBe(1)

  // The bootstrap swept the rows the server does not have; what it wrote is found by search.
  expect(conversationCount(db)).toBeGreaterThan(0)
  const page = await ipc<{ rows: { id: number; ticketNo: number }[] }>(core, 'conversations:list', { tab: 'all', filters: {} })
  const ticket = page.rows[0]!.ticketNo
  const found = await ipc<{ rows: { id: number }[] }>(core, 'conversations:list', { tab: 'all', filters: { search: String(ticket) } })
  expect(found.rows.map((r) => r.id)).toContain(page.rows[0]!.id)
})
