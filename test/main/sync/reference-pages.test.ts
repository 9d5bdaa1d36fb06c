import { afterEach, expect, it } from 'vitest'
import type { ListConversationsArgs } from '../../../electron/main/backend/backend'
import { unpackConversations } from '../../../electron/main/backend/packed'
import { ReferenceBackend } from '../../../electron/main/backend/reference/reference-backend'
import { Cleanup, startServer } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

it('pages fetched and validated on the page thread are the pages listConversations returns, packed', async () => {
  const server = await startServer(cleanup, { seed: 600 })
  const backend = new ReferenceBackend({ baseUrl: server.url, ...server.credentials, log: () => {} })
  cleanup.add(() => backend.close())

  let page: string | null = null
  let pages = 0
  do {
    const args: ListConversationsArgs = { page, resolvedSince: 0, limit: 250 }
    const [plain, packed] = await Promise.all([backend.listConversations(args), backend.listConversationsPacked(args)])
    expect(unpackConversations(packed.packed)).toEqual(plain.items)
    expect({ ...packed, packed: null }).toEqual({ packed: null, rows: plain.items.length, skippedIds: [], unidentified: 0, next: plain.next })
    page = plain.next
    pages++
  } while (page !== null)
  expect(pages).toBeGreaterThan(1)
})
