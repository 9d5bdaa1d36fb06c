import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../electron/main/db/connection'
import { countConversations, getConversation, upsertConversations } from '../../../electron/main/db/queries/conversations'
import { headAction, listVisibleActions } from '../../../electron/main/db/queries/outbox'
import { ActionRejectedError } from '../../../electron/main/backend/errors'
import { cancel, enqueue, settleDone, settleRejected } from '../../../electron/main/outbox/outbox'
import { applyChanges } from '../../../electron/main/sync/apply'
import { silentLog } from '../../../electron/main/log'
import { conversation } from '../support/domain'

/** The server's clock as the feed's batches are written: the fixtures' times are of a moment before it. */
const NOW = 1_700_000_100_000

let db: Database
beforeEach(() => {
  db = openDatabase(':memory:')
  db.prepare("INSERT INTO agents (id, name, email, role, presence, quota, load) VALUES (2, 'Ayu', 'ayu@x', 'agent', 'online', 5, 5)").run()
  db.prepare("INSERT INTO agents (id, name, email, role, presence, quota, load) VALUES (3, 'Rudi', 'rudi@x', 'agent', 'online', 5, 1)").run()
  upsertConversations(db, [conversation(1), conversation(2), conversation(3, { status: 'handled', agentId: 3, lastAgentId: 3 })])
})
afterEach(() => db.close())

const shown = (id: number) => getConversation(db, id)!.conversation
const queue = (kind: 'assign' | 'transfer', ids: number[], agentId: number) =>
  enqueue(db, { kind, conversationIds: ids, agentId, overrideQuota: false, seenDataset: null, now: 1000 }).result

describe('the optimistic overlay', () => {
  it('queues the action and its change in one go; counts follow the shown status', () => {
    const { actions, skipped } = queue('assign', [1, 3, 404], 2)
    expect(skipped).toEqual([
      { conversationId: 3, reason: 'not_in_queue', customerName: 'Customer 3' },
      { conversationId: 404, reason: 'not_found', customerName: null },
    ])
    expect(actions).toMatchObject([{ conversationId: 1, agentId: 2, state: 'queued', attempts: 0, customerName: 'Customer 1' }])
    expect(shown(1)).toMatchObject({ status: 'handled', agentId: 2, lastAgentId: 2, version: 1 })
    expect(countConversations(db)).toEqual({ all: 3, in_queue: 1, handled: 2 })
    expect(headAction(db)).toMatchObject({ id: actions[0]!.id, fromAgentId: null })
  })

  it('keeps the overlay while sync brings newer server states, and lands on the server truth when settled', () => {
    const [action] = queue('assign', [1], 2).actions
    // A customer message arrives: the server's version moves on, the chat is still in queue there.
    applyChanges(db, [{ entity: 'conversation', data: conversation(1, { version: 2, unread: 4 }) }], '10', { now: NOW + 5, log: silentLog })
    expect(shown(1)).toMatchObject({ status: 'handled', agentId: 2, version: 2, unread: 4 })
    // An older state replayed by the feed changes nothing.
    applyChanges(db, [{ entity: 'conversation', data: conversation(1, { version: 1, unread: 0 }) }], '11', { now: NOW + 6, log: silentLog })
    expect(shown(1)).toMatchObject({ status: 'handled', agentId: 2, version: 2, unread: 4 })
    // The bootstrap after a dropped cache re-inserts the row: the overlay comes back on it.
    db.prepare('DELETE FROM conversations WHERE id = 1').run()
    upsertConversations(db, [conversation(1, { version: 2 })])
    expect(shown(1)).toMatchObject({ status: 'handled', agentId: 2 })

    settleDone(db, action!.id, conversation(1, { status: 'handled', agentId: 2, lastAgentId: 2, version: 3 }), 2000, silentLog)
    expect(shown(1)).toMatchObject({ status: 'handled', agentId: 2, version: 3 })
    expect(db.prepare('SELECT count(*) AS n FROM outbox_base').get()).toEqual({ n: 0 })
    // From now on sync writes land as they are.
    applyChanges(db, [{ entity: 'conversation', data: conversation(1, { status: 'resolved', version: 4 }) }], '12', { now: NOW + 7, log: silentLog })
    expect(shown(1).status).toBe('resolved')
  })

  it('a rejection rolls back to the truth it carries, else to the last synced values', () => {
    const [a1, a2] = queue('assign', [1, 2], 2).actions
    const taken = conversation(1, { status: 'handled', agentId: 3, lastAgentId: 3, version: 2 })
    settleRejected(db, a1!.id, new ActionRejectedError('conflict', 'already handled', 409, taken), taken, 10, silentLog)
    expect(shown(1)).toMatchObject({ status: 'handled', agentId: 3, version: 2 })
    settleRejected(db, a2!.id, new ActionRejectedError('over_quota', 'full', 422), null, 11, silentLog)
    expect(shown(2)).toMatchObject({ status: 'in_queue', agentId: null })
    const listed = listVisibleActions(db, 12)
    expect(listed.find((a) => a.id === a1!.id)?.rejection).toMatchObject({ code: 'conflict', handledBy: { agentId: 3, name: 'Rudi' } })
    expect(listed.find((a) => a.id === a2!.id)?.rejection).toMatchObject({ code: 'over_quota', agent: { name: 'Ayu', load: 5, quota: 5 } })
    expect(countConversations(db)).toEqual({ all: 3, in_queue: 1, handled: 2 })
  })

  it('keeps, with a conflict, the status the server gave the chat: resolved meanwhile says so', () => {
    const [a1] = queue('assign', [1], 2).actions
    const resolved = conversation(1, { status: 'resolved', agentId: null, lastAgentId: 3, version: 2 })
    settleRejected(db, a1!.id, new ActionRejectedError('conflict', 'not in queue', 409, resolved), resolved, 10, silentLog)
    expect(listVisibleActions(db, 12).find((a) => a.id === a1!.id)?.rejection).toMatchObject({ code: 'conflict', handledBy: null, status: 'resolved' })
  })

  it('chains actions on one conversation: a transfer after an assign moves the chat from the agent the assign gives it to', () => {
    const [assignA] = queue('assign', [1], 2).actions
    const [transferB] = queue('transfer', [1], 3).actions
    const [transferC] = queue('transfer', [3], 2).actions
    expect(shown(1)).toMatchObject({ status: 'handled', agentId: 3 })
    expect(listVisibleActions(db, 0).map((a) => [a.id, a.fromAgentId])).toEqual([
      [assignA!.id, null],
      [transferB!.id, 2],
      [transferC!.id, 3],
    ])
    settleDone(db, assignA!.id, conversation(1, { status: 'handled', agentId: 2, lastAgentId: 2, version: 2 }), 20, silentLog)
    // The transfer is still pending: its overlay stays, on top of the new server state.
    expect(shown(1)).toMatchObject({ status: 'handled', agentId: 3, version: 2 })
    expect(headAction(db)).toMatchObject({ id: transferB!.id, fromAgentId: 2 })
  })

  it('cancels an action never sent, and puts the row back', () => {
    const [action] = queue('assign', [1], 2).actions
    expect(cancel(db, action!.id, 5)).toMatchObject({ ok: true })
    expect(shown(1)).toMatchObject({ status: 'in_queue', agentId: null })
    expect(headAction(db)).toBeNull()
    expect(cancel(db, action!.id, 6)).toEqual({ ok: false, reason: 'not_cancellable' })
  })

  it('lists every pending action however many refusals wait to be dismissed, and of the refusals the newest', () => {
    upsertConversations(db, Array.from({ length: 40 }, (_, i) => conversation(100 + i)))
    const refused = queue('assign', Array.from({ length: 30 }, (_, i) => 100 + i), 2).actions
    for (const action of refused) settleRejected(db, action.id, new ActionRejectedError('over_quota', 'full', 422), null, 2000, silentLog)
    const pending = queue('assign', Array.from({ length: 10 }, (_, i) => 130 + i), 3).actions
    const listed = listVisibleActions(db, 3000, 20)
    expect(listed.filter((a) => a.state === 'queued').map((a) => a.id)).toEqual(pending.map((a) => a.id))
    expect(listed.filter((a) => a.state === 'rejected').map((a) => a.id)).toEqual(refused.slice(-20).map((a) => a.id))
    expect(listed.map((a) => a.id)).toEqual([...listed.map((a) => a.id)].sort((a, b) => a - b))
  })
})
