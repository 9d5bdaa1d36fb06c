/**
 * A thread the page holds all it can of (THREAD_WINDOW_MAX messages): each live message read the
 * whole window again, 20,000 messages and 3.6 MB, because a page past the cap could not be told
 * to let go of its oldest. The answer to `held` now says how many.
 */
import { expect, it } from 'vitest'
import { openDatabase } from '../../../electron/main/db/connection'
import { upsertConversations } from '../../../electron/main/db/queries/conversations'
import { markThreadLoaded, upsertMessages } from '../../../electron/main/db/queries/messages'
import { conversationHandlers } from '../../../electron/main/ipc/conversations'
import { ipcContract, THREAD_WINDOW_MAX, type ConversationDetail } from '../../../shared/ipc'
import { conversation, message } from '../support/domain'

it('brings only the new messages of a thread held to the cap, and how many of the oldest held to let go of', async () => {
  const db = openDatabase(':memory:')
  upsertConversations(db, [conversation(1)])
  upsertMessages(db, Array.from({ length: THREAD_WINDOW_MAX + 50 }, (_, i) => message(i + 1, 1)))
  markThreadLoaded(db, 1, Date.now())
  const handlers = conversationHandlers({
    db: () => db,
    loadThread: async () => {},
    loadEarlierMessages: async () => {},
    isOffline: () => false,
    searchHistory: async () => ({ items: [], next: null }),
    fetchFromServer: async () => Promise.reject(new Error('not used here')),
    now: Date.now,
  })
  const get = async (input: object): Promise<ConversationDetail> => handlers['conversations:get'](ipcContract['conversations:get'].input.parse({ id: 1, ...input })) as ConversationDetail

  const shown = (await get({ newest: THREAD_WINDOW_MAX })).messages
  expect(shown).toHaveLength(THREAD_WINDOW_MAX)
  expect(shown[0]!.id).toBe(51)
  const asHeld = (messages: readonly { id: number }[]) => ({ newest: THREAD_WINDOW_MAX, keepFrom: messages[0]!.id, held: { after: messages.at(-1)!.id, held: messages.length } })

  // Two live messages: the page lets go of its two oldest, as the whole window would have.
  upsertMessages(db, [message(THREAD_WINDOW_MAX + 51, 1), message(THREAD_WINDOW_MAX + 52, 1)])
  const newer = await get(asHeld(shown))
  expect(newer.after).toBe(THREAD_WINDOW_MAX + 50)
  expect(newer.messages.map((m) => m.id)).toEqual([THREAD_WINDOW_MAX + 51, THREAD_WINDOW_MAX + 52])
  expect(newer.drop).toBe(2)
  expect(newer.earlierMessages).toBe('cached')
  const now = [...shown.slice(2), ...newer.messages]
  expect(now.map((m) => m.id)).toEqual((await get({ newest: THREAD_WINDOW_MAX })).messages.map((m) => m.id))

  // Nothing new since: nothing to add and nothing to let go of.
  const same = await get(asHeld(now))
  expect(same.messages).toEqual([])
  expect(same.drop).toBeUndefined()

  // Below the cap nothing is let go of.
  const fewer = (await get({ newest: 300 })).messages
  upsertMessages(db, [message(THREAD_WINDOW_MAX + 53, 1)])
  const below = await get({ ...asHeld(fewer), newest: 300 })
  expect(below.messages.map((m) => m.id)).toEqual([THREAD_WINDOW_MAX + 53])
  expect(below.drop).toBeUndefined()
  db.close()
})
