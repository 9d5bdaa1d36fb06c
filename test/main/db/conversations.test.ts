import { beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../electron/main/db/connection'
import { openDatabase } from '../../../electron/main/db/connection'
import {
  countConversations,
  deleteAllConversations,
  getConversation,
  pruneResolved,
  listConversations,
  listConversationsSql,
  upsertConversations,
  type ListArgs,
} from '../../../electron/main/db/queries/conversations'
import type { Tab } from '../../../shared/ipc'
import type { Conversation } from '../../../shared/domain'
import { applyChanges } from '../../../electron/main/sync/apply'
import { silentLog } from '../../../electron/main/log'
import { estimatedWaits, settleAwaiting, unansweredFrom } from '../../../electron/main/db/queries/awaiting'
import { conversation, message } from '../support/domain'

/** Times of the feed's messages, and the server's clock they are written by (unclear-times.ts judges them by it). */
const T = 1_700_000_000_000
const JUDGE = { now: T + 60_000, log: silentLog }

let db: Database
beforeEach(() => {
  db = openDatabase(':memory:')
})

/** A full table scan of conversations, as opposed to walking one of its indexes. */
const fullScan = (plan: string): boolean => plan.split('\n').some((line) => /^SCAN c( |$)/.test(line) && !line.includes('USING'))

/** The plan of the query that finds the page's ids (the columns are then read for those rows only). */
function plan(args: ListArgs): string {
  const { ids } = listConversationsSql(args, db)
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${ids.sql}`).all(...ids.params) as { detail: string }[]
  return rows.map((r) => r.detail).join('\n')
}

describe('conversation queries', () => {
  it('ignore an update older than the cached version and accept equal or newer ones', () => {
    upsertConversations(db, [conversation(1, { version: 3, status: 'handled', agentId: 7 })])
    expect(upsertConversations(db, [conversation(1, { version: 2, status: 'in_queue' })])).toEqual([])
    expect(getConversation(db, 1)!.conversation.status).toBe('handled')
    expect(upsertConversations(db, [conversation(1, { version: 3, status: 'handled', agentId: 7 })])).toEqual([1])
    upsertConversations(db, [conversation(1, { version: 4, status: 'resolved', labelIds: [2, 1] })])
    const c = getConversation(db, 1)!.conversation
    expect(c).toMatchObject({ status: 'resolved', version: 4, labelIds: [1, 2] })
  })

  it("keep since when a customer waits for an answer: their first message after the last reply, however often they write again", () => {
    // Each change as the feed brings it, one batch each.
    const said = (version: number, at: number, direction: 'in' | 'out') =>
      applyChanges(db, [{ entity: 'conversation', data: conversation(1, { version, status: 'handled', agentId: 7, lastMessage: { text: 'x', at, direction } }) }], 'cursor', JUDGE)
    const awaiting = () => getConversation(db, 1)!.conversation.awaitingSince
    said(1, T + 1_000, 'out')
    said(2, T + 2_000, 'in')
    expect(awaiting()).toBeUndefined()
    said(3, T + 3_000, 'in')
    said(4, T + 4_000, 'in')
    expect(awaiting()).toBe(T + 2_000)
    // The same version again (a bootstrap's sweep) keeps it; an older one changes nothing.
    said(4, T + 4_000, 'in')
    said(3, T + 3_000, 'in')
    expect(awaiting()).toBe(T + 2_000)
    // Answered, then asked again: the wait starts over.
    said(5, T + 5_000, 'out')
    said(6, T + 6_000, 'in')
    said(7, T + 7_000, 'in')
    expect(awaiting()).toBe(T + 6_000)
  })

  it('see an answer inside one batch of the change feed, whose newest version alone is written', () => {
    const version = (v: number, at: number, direction: 'in' | 'out') => conversation(1, { version: v, status: 'handled', agentId: 7, lastMessage: { text: 'x', at, direction } })
    const batch = (...versions: Conversation[]) =>
      applyChanges(db, versions.map((data) => ({ entity: 'conversation' as const, data })), 'cursor', JUDGE)
    const awaiting = () => getConversation(db, 1)!.conversation.awaitingSince ?? getConversation(db, 1)!.conversation.lastMessage?.at
    batch(version(1, T + 1_000, 'out'), version(2, T + 2_000, 'in'))
    expect(awaiting()).toBe(T + 2_000)
    // Back after time offline: answered, then asked twice again, all in one catch-up batch.
    batch(version(3, T + 3_000, 'in'), version(4, T + 4_000, 'out'), version(5, T + 5_000, 'in'), version(6, T + 6_000, 'in'))
    expect(awaiting()).toBe(T + 5_000)
    // Asked again twice after an answer, in one batch: from the first of the two.
    batch(version(7, T + 7_000, 'out'))
    batch(version(8, T + 8_000, 'in'), version(9, T + 9_000, 'in'))
    expect(awaiting()).toBe(T + 8_000)
    // A bootstrap sees only the newest version: a later customer message may follow an answer it
    // never saw, so it counts from that message, as before anything was kept.
    upsertConversations(db, [version(10, T + 10_000, 'in')])
    expect(awaiting()).toBe(T + 10_000)
    // The same message again (a version for a label) keeps the wait where it was.
    batch(version(11, T + 11_000, 'in'))
    upsertConversations(db, [version(12, T + 11_000, 'in')])
    expect(awaiting()).toBe(T + 10_000)
  })

  it('say a wait is only estimated where a version went unseen, until an answer or its thread says when it began', () => {
    const version = (id: number, v: number, at: number, direction: 'in' | 'out') =>
      conversation(id, { version: v, status: 'handled', agentId: 7, createdAt: T, lastMessage: { text: 'x', at, direction } })
    const batch = (changes: Conversation[], skippedIds: number[] = []) =>
      applyChanges(db, changes.map((data) => ({ entity: 'conversation' as const, data })), 'cursor', JUDGE, { skippedIds, unidentified: 0 })
    const estimated = (id: number) => getConversation(db, id)!.conversation.awaitingEstimated === true
    // A bootstrap sees the last message only; nobody waits on an answer, so nothing is estimated.
    upsertConversations(db, [version(1, 1, T + 1_000, 'in'), version(2, 1, T + 1_000, 'out')])
    expect([estimated(1), estimated(2)]).toEqual([true, false])
    // Followed from there: the customer's next message after an answer is seen, and so known.
    batch([version(2, 2, T + 2_000, 'in')])
    expect(estimated(2)).toBe(false)
    // Followed without an answer, an estimate stays one; an answer ends it.
    batch([version(1, 2, T + 2_000, 'in')])
    expect(estimated(1)).toBe(true)
    batch([version(1, 3, T + 3_000, 'out'), version(1, 4, T + 4_000, 'in')])
    expect(estimated(1)).toBe(false)
    expect(getConversation(db, 1)!.conversation.awaitingSince).toBeUndefined()
    // A new chat followed from its first message is known.
    batch([version(3, 1, T + 5_000, 'in')])
    expect(estimated(3)).toBe(false)
    // A version skipped as malformed may hide an answer: so may one skipped in an earlier batch,
    // until the conversation is fetched again.
    batch([version(4, 1, T + 5_000, 'out')])
    batch([version(4, 3, T + 7_000, 'in')], [4])
    expect(estimated(4)).toBe(true)
    batch([version(5, 1, T + 5_000, 'out')])
    batch([], [5])
    batch([version(5, 3, T + 7_000, 'in')])
    expect(getConversation(db, 5)!.conversation.awaitingSince).toBeUndefined()
    expect(estimated(5)).toBe(true)
    // A row fetched again, or written from an action's answer, keeps what it knew only with the same last message.
    upsertConversations(db, [version(2, 3, T + 2_000, 'in')])
    expect(estimated(2)).toBe(false)
    upsertConversations(db, [version(2, 4, T + 6_000, 'in')])
    expect(estimated(2)).toBe(true)
    // A chat still on its first message: nothing comes before it.
    upsertConversations(db, [conversation(6, { createdAt: 9_000, lastMessage: { text: 'halo', at: 9_000, direction: 'in' } })])
    expect(estimated(6)).toBe(false)
  })

  it('settle an estimated wait from the thread only for the row it was read for', () => {
    const customer = { kind: 'customer' as const, name: 'C', agentId: null }
    const agent = { kind: 'agent' as const, name: 'A', agentId: 7 }
    const thread = [
      message(1, 1, { createdAt: 1_000, sender: customer }),
      message(2, 1, { createdAt: 2_000, direction: 'out', sender: agent }),
      message(3, 1, { createdAt: 3_000, sender: customer }),
      message(4, 1, { createdAt: 4_000, direction: 'out', sender: { kind: 'system', name: 'System', agentId: null } }),
      message(5, 1, { createdAt: 5_000, sender: customer }),
    ]
    // A hand-off's note answers nobody; a bot's or an agent's message does.
    expect(unansweredFrom(thread, true)).toEqual({ lastAt: 5_000, since: 3_000, settled: true })
    expect(unansweredFrom(thread.slice(2), false)).toEqual({ lastAt: 5_000, since: 3_000, settled: false })
    expect(unansweredFrom(thread.slice(2), true)).toEqual({ lastAt: 5_000, since: 3_000, settled: true })
    expect(unansweredFrom(thread.slice(0, 2), true)).toBeNull()

    const row = (version: number, at: number) => conversation(1, { version, status: 'handled', agentId: 7, createdAt: 0, lastMessage: { text: 'x', at, direction: 'in' } })
    upsertConversations(db, [row(5, 5_000)])
    const found = unansweredFrom(thread, true)!
    // Read for version 4, or ending on another last message: not this row's.
    expect(settleAwaiting(db, 1, found, 4)).toBe(false)
    expect(settleAwaiting(db, 1, { ...found, lastAt: 4_500 }, 5)).toBe(false)
    expect(getConversation(db, 1)!.conversation.awaitingEstimated).toBe(true)
    expect(settleAwaiting(db, 1, found, 5)).toBe(true)
    expect(getConversation(db, 1)!.conversation).toMatchObject({ awaitingSince: 3_000 })
    expect(getConversation(db, 1)!.conversation.awaitingEstimated).toBeUndefined()
    expect(estimatedWaits(db, 10)).toEqual([])
    // A read that ran out of pages before an answer: at least since the oldest it read, not looked up again.
    upsertConversations(db, [row(6, 6_000)])
    expect(estimatedWaits(db, 10)).toEqual([{ id: 1, version: 6 }])
    expect(settleAwaiting(db, 1, { lastAt: 6_000, since: 5_500, settled: false }, 6)).toBe(true)
    expect(getConversation(db, 1)!.conversation).toMatchObject({ awaitingSince: 5_500, awaitingEstimated: true })
    expect(estimatedWaits(db, 10)).toEqual([])
  })

  it('look up the waits whose clock shows first, longest shown first, then the queue in its order', () => {
    const at = (id: number, status: 'handled' | 'in_queue', lastAt: number, queuedAt: number) =>
      conversation(id, { status, agentId: status === 'handled' ? 7 : null, createdAt: 0, queuedAt, lastMessage: { text: 'x', at: lastAt, direction: 'in' } })
    upsertConversations(db, [at(1, 'in_queue', 9_000, 1_000), at(2, 'handled', 8_000, 500), at(3, 'in_queue', 2_000, 2_000), at(4, 'handled', 3_000, 500)])
    upsertConversations(db, [conversation(5, { status: 'resolved', resolvedAt: 1, lastMessage: { text: 'x', at: 1, direction: 'in' } })])
    // Read from their partial index (INDEXED BY: SQLite refuses the query if it cannot be).
    expect(estimatedWaits(db, 10).map((w) => w.id)).toEqual([4, 2, 1, 3])
  })

  it('keep the trigger-maintained tab counts equal to a real count through inserts, moves and deletes', () => {
    const real = () => {
      const rows = db.prepare('SELECT status, count(*) AS n FROM conversations GROUP BY status').all() as { status: string; n: number }[]
      const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0
      return { all: rows.reduce((sum, r) => sum + r.n, 0), in_queue: n('in_queue'), handled: n('handled') }
    }
    upsertConversations(db, [conversation(1), conversation(2), conversation(3, { status: 'handled' })])
    expect(countConversations(db)).toEqual(real())
    upsertConversations(db, [conversation(1, { status: 'handled', version: 2 }), conversation(2, { status: 'resolved', version: 2, resolvedAt: 5 })])
    upsertConversations(db, [conversation(3, { status: 'handled', version: 3, unread: 5 })])
    expect(countConversations(db)).toEqual(real())
    expect(countConversations(db)).toEqual({ all: 3, in_queue: 0, handled: 2 })
    pruneResolved(db, Number.MAX_SAFE_INTEGER)
    expect(countConversations(db)).toEqual({ all: 2, in_queue: 0, handled: 2 })
    deleteAllConversations(db)
    expect(countConversations(db)).toEqual({ all: 0, in_queue: 0, handled: 0 })
  })

  it('round-trip a conversation unchanged', () => {
    const original = conversation(9, { labelIds: [3, 4], lastMessage: null, queuedAt: null, status: 'handled', agentId: 2, lastAgentId: 2 })
    upsertConversations(db, [original])
    expect(getConversation(db, 9)!.conversation).toEqual(original)
  })

  it.each<[Tab, string]>([
    ['all', 'conversations_all'],
    ['in_queue', 'conversations_queue'],
    ['handled', 'conversations_handled'],
  ])('list the %s tab through an index, first page and next pages', (tab, index) => {
    for (const after of [null, { key: 1, id: 1, asOf: 0 }]) {
      const detail = plan({ tab, filters: {}, after, limit: 50 })
      expect(detail).toContain(`USING COVERING INDEX ${index}`)
      expect(fullScan(detail)).toBe(false)
      expect(detail).not.toContain('USE TEMP B-TREE FOR ORDER BY')
    }
    // With a label filter the planner may start from the label index instead; either way no full scan.
    const filtered = plan({ tab, filters: { channels: ['email'], labelIds: [1], type: 'inbox', search: 'ana' }, after: null, limit: 50 })
    expect(fullScan(filtered)).toBe(false)
    // Selective filters may seek into their cells instead (migration 0090); either way an index.
    expect(plan({ tab, filters: { channels: ['email'], type: 'inbox', agentIds: [3], from: 1 }, after: null, limit: 50 })).toMatch(
      new RegExp(`USING (COVERING )?INDEX (${index}|conversations_cells_activity|conversations_days_activity)`),
    )
  })

  it('return every row exactly once across keyset pages, in tab order, even with equal sort keys', () => {
    const rows = Array.from({ length: 137 }, (_, i) => {
      const id = i + 1
      const at = 1_700_000_000_000 + Math.floor(i / 5) * 1000 // five rows share each timestamp
      const status = id % 3 === 0 ? 'handled' : id % 3 === 1 ? 'in_queue' : 'resolved'
      return conversation(id, { status, updatedAt: at, queuedAt: status === 'in_queue' ? at : null, createdAt: at })
    })
    upsertConversations(db, rows)
    for (const tab of ['all', 'in_queue', 'handled'] as const) {
      const seen: number[] = []
      let after = null
      do {
        const page = listConversations(db, { tab, filters: {}, after, limit: 10 })
        seen.push(...page.rows.map((r) => r.id))
        after = page.next
      } while (after)
      const expected = rows
        .filter((r) => tab === 'all' || r.status === tab)
        .sort((a, b) =>
          tab === 'in_queue' ? a.queuedAt! - b.queuedAt! || a.id - b.id : b.updatedAt - a.updatedAt || b.id - a.id,
        )
        .map((r) => r.id)
      expect(seen).toEqual(expected)
    }
  })

  it('filter by type, channel, label, agent and date, and count under the same filters', () => {
    upsertConversations(db, [
      conversation(1, { type: 'inbox', channel: 'email', labelIds: [5], createdAt: 100, updatedAt: 100, queuedAt: 100 }),
      conversation(2, { type: 'outbox', channel: 'whatsapp', status: 'handled', agentId: 8, lastAgentId: 8, createdAt: 200, updatedAt: 200 }),
      conversation(3, { type: 'inbox', channel: 'telegram', status: 'resolved', lastAgentId: 9, labelIds: [5, 6], createdAt: 300, updatedAt: 300 }),
      conversation(4, { customer: { id: 44, name: '50%_off Ana', handle: 'ana@example.com' }, createdAt: 400, updatedAt: 400, queuedAt: 400 }),
    ])
    const ids = (filters: Parameters<typeof countConversations>[1]): number[] =>
      listConversations(db, { tab: 'all', filters: filters ?? {}, after: null, limit: 50 }).rows.map((r) => r.id).sort()
    expect(ids({ type: 'outbox' })).toEqual([2])
    expect(ids({ channels: ['email', 'telegram'] })).toEqual([1, 3])
    expect(ids({ labelIds: [5] })).toEqual([1, 3])
    expect(ids({ agentIds: [9] })).toEqual([3])
    expect(ids({ agentIds: [8, 9] })).toEqual([2, 3])
    expect(ids({ from: 200, to: 400 })).toEqual([2, 3])
    expect(ids({ search: '50%_' })).toEqual([4])
    expect(ids({ search: 'example.com' })).toEqual([4])
    expect(ids({ search: '10003' })).toEqual([3])
    // Nothing searchable in it (no letter or digit): the search does not narrow.
    expect(ids({ search: '%' })).toEqual([1, 2, 3, 4])
    expect(countConversations(db)).toEqual({ all: 4, in_queue: 2, handled: 1 })
    expect(countConversations(db, { labelIds: [5] })).toEqual({ all: 2, in_queue: 1, handled: 0 })
    expect(countConversations(db, { search: 'ana' })).toEqual({ all: 1, in_queue: 1, handled: 0 })
  })
})
