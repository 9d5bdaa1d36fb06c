import { expect, it } from 'vitest'
import { openDatabase } from '../../../electron/main/db/connection'
import { getConversation, listConversations, upsertConversations } from '../../../electron/main/db/queries/conversations'
import type { Conversation } from '../../../shared/domain'
import type { Filters, Tab } from '../../../shared/ipc'
import { TAB_SORTS, type Sort } from '../../../shared/ipc/conversation-sort'
import { generateConversations, rng, seedWorkspace } from '../../bench/generate'

const NOW = 1_750_000_000_000

/**
 * No filter; a search common enough to be walked; a narrower one with a channel filter, whose few
 * matches are sorted. Each with a page small enough for several pages in every tab.
 */
const FILTERS: [Filters, number][] = [
  [{}, 37],
  [{ search: 'a' }, 13],
  [{ search: 'an', channels: ['whatsapp', 'email'] }, 4],
]
const CASES: [Tab, Sort, Filters, number][] = (['all', 'in_queue', 'handled'] as const).flatMap((tab) =>
  TAB_SORTS[tab].flatMap((sort) => FILTERS.map(([filters, limit]): [Tab, Sort, Filters, number] => [tab, sort, filters, limit])),
)

it.each(CASES)(
  'paging the %s tab by %s under %j while live changes land: no row twice, none skipped that stayed put, the moved ones announced',
  (tab, sort, filters, limit) => {
    const db = openDatabase(':memory:')
    seedWorkspace(db)
    const rows = [...generateConversations({ count: 3000, now: NOW, seed: 7 })]
    upsertConversations(db, rows)
    const random = rng(99)
    // The list as one page holds it, which other tests hold to a scan; here it is what paging must cover.
    const listed = (): Set<number> => new Set(listConversations(db, { tab, sort, filters, after: null, limit: 100_000 }).rows.map((r) => r.id))
    const before = listed()
    const changed = new Set<number>()
    let nextId = 10_000
    let clock = NOW + 1000

    const liveBurst = (): void => {
      const batch: Conversation[] = []
      for (let i = 0; i < 15; i++) {
        const id = 1 + Math.floor(random() * rows.length)
        const current = getConversation(db, id)!.conversation
        const roll = random()
        clock += 1000
        // Moves to the top of All/Handled, back into the queue (a new wait), out of the queue, or resolved.
        const status = roll < 0.3 ? 'in_queue' : roll < 0.6 ? 'handled' : roll < 0.8 ? current.status : 'resolved'
        batch.push({
          ...current,
          status,
          agentId: status === 'handled' ? 3 : null,
          lastAgentId: status === 'in_queue' ? current.lastAgentId : 3,
          queuedAt: status === 'in_queue' ? clock : current.queuedAt,
          resolvedAt: status === 'resolved' ? clock : null,
          updatedAt: clock,
          version: current.version + 1,
        })
      }
      for (let i = 0; i < 3; i++) {
        const [fresh] = [...generateConversations({ count: 1, now: clock, seed: nextId, firstId: nextId++ })]
        batch.push({ ...fresh!, createdAt: clock, updatedAt: clock, queuedAt: clock, status: 'in_queue', agentId: null })
      }
      db.transaction(() => upsertConversations(db, batch).forEach((id) => changed.add(id)))()
    }

    const seen: number[] = []
    let after = null
    let pages = 0
    do {
      const page = listConversations(db, { tab, sort, filters, after, limit })
      seen.push(...page.rows.map((r) => r.id))
      after = page.next
      liveBurst()
      pages++
    } while (after)

    expect(pages).toBeGreaterThan(2)
    expect(new Set(seen).size).toBe(seen.length)
    const stayedPut = [...before].filter((id) => !changed.has(id))
    expect(seen).toEqual(expect.arrayContaining(stayedPut))
    // Whatever the pages missed is in the tab now only because it changed, and was announced.
    const now = listed()
    for (const id of now) if (!seen.includes(id)) expect(changed.has(id), `row ${id}`).toBe(true)
    // And nothing shown was never in the tab.
    for (const id of seen) expect(before.has(id) || changed.has(id)).toBe(true)
    db.close()
  },
)
