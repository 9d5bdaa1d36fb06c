/**
 * A message's place in its thread once its time was found unclear (unclear-message-times.ts): it
 * stands while the server sends that time, so the thread's keyset pages never see it move.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { upsertConversations } from '../../../electron/main/db/queries/conversations'
import { listThread, upsertMessages } from '../../../electron/main/db/queries/messages'
import { silentLog } from '../../../electron/main/log'
import { conversation, message } from '../support/domain'

const MINUTE = 60_000
let db: Database

beforeEach(() => {
  db = openDatabase(':memory:')
  upsertConversations(db, [conversation(1)])
})
afterEach(() => db.close())

describe('a message time that cannot be right', () => {
  it('keeps the message where it was placed when read again once the time has come, as a channel minutes ahead gives', () => {
    const now = Date.UTC(2026, 11, 7, 9, 0)
    const ahead = now + 10 * MINUTE
    const thread = [message(1, 1, { createdAt: now - MINUTE }), message(2, 1, { createdAt: ahead })]
    upsertMessages(db, thread, { now, log: silentLog })
    // Answered two minutes later: below it.
    const reply = message(3, 1, { createdAt: now + 2 * MINUTE })
    upsertMessages(db, [reply], { now: now + 2 * MINUTE, log: silentLog })
    // The thread read whole again, twenty minutes on: 2's time is past and clear now.
    upsertMessages(db, [...thread, reply], { now: now + 20 * MINUTE, log: silentLog })
    const { messages } = listThread(db, 1, 10)
    expect(messages.map((m) => m.id)).toEqual([1, 2, 3])
    expect(messages[1]).toMatchObject({ createdAt: now - MINUTE, unclearAt: ahead })
  })
  it('places the oldest messages of pages read back from the newest before the message after them', () => {
    const now = Date.UTC(2026, 11, 7, 9, 0)
    const future = Date.UTC(2099, 0, 1)
    const at = (id: number) => now - (20 - id) * MINUTE
    const judge = { now, log: silentLog }
    upsertMessages(db, [10, 11, 12].map((id) => message(id, 1, { createdAt: at(id) })), judge)
    // A page older than those, its oldest two from a channel whose clock says 2099; then one older still, all of it.
    upsertMessages(db, [message(7, 1, { createdAt: future }), message(8, 1, { createdAt: 0 }), message(9, 1, { createdAt: at(9) })], judge)
    upsertMessages(db, [4, 5, 6].map((id) => message(id, 1, { createdAt: future })), judge)
    const { messages } = listThread(db, 1, 20)
    expect(messages.map((m) => m.id)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(messages.slice(0, 5).map((m) => m.createdAt)).toEqual(Array(5).fill(at(9)))
  })
})
