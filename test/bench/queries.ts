/** The query matrix: every tab in each of its orders × each filter alone × a few combinations × search, first page of 50, and the counts. */
import type { Database } from 'better-sqlite3'
import { countConversations, listConversations } from '../../electron/main/db/queries/conversations'
import type { Filters, Tab } from '../../shared/ipc'
import { DEFAULT_SORT, TAB_SORTS } from '../../shared/ipc/conversation-sort'
import { percentile, timeMs } from './measure'

const DAY = 86_400_000

export function shapes(now: number): Record<string, Filters> {
  return {
    'no filter': {},
    'type outbox': { type: 'outbox' },
    'channel telegram': { channels: ['telegram'] },
    '3 channels': { channels: ['email', 'instagram', 'livechat'] },
    'label 7': { labelIds: [7] },
    '2 labels': { labelIds: [2, 9] },
    'agent 5': { agentIds: [5] },
    '3 agents': { agentIds: [2, 8, 12] },
    'today': { from: now - (now % DAY), to: now - (now % DAY) + DAY },
    'last 7 days': { from: now - 7 * DAY },
    'a week 3 weeks ago': { from: now - 21 * DAY, to: now - 14 * DAY },
    'inbox+whatsapp': { type: 'inbox', channels: ['whatsapp'] },
    'channel+label+agent': { channels: ['whatsapp', 'email'], labelIds: [2], agentIds: [6] },
    'outbox+telegram+label+agent': { type: 'outbox', channels: ['telegram'], labelIds: [4], agentIds: [9] },
    'everything': { type: 'inbox', channels: ['whatsapp'], labelIds: [1, 2], agentIds: [3, 4], from: now - 7 * DAY },
  }
}

export const SEARCHES: Record<string, Filters> = {
  'search name': { search: 'budi santoso' },
  'search prefix': { search: 'wij' },
  'search phone': { search: '0812 1234' },
  'search ticket': { search: '10423' },
  'search label': { search: 'refund' },
  'search common word': { search: 'kak' },
  'search common first name': { search: 'muhammad' },
  'search first letter typed': { search: 'm' },
  'search + filters': { search: 'siti', channels: ['whatsapp'], type: 'inbox' },
}

export interface ShapeResult {
  shape: string
  kind: 'list' | 'count' | 'search' | 'log'
  samples: number[]
}

export function runMatrix(db: Database, now: number, repeats: number): ShapeResult[] {
  const out: ShapeResult[] = []
  const tabs: Tab[] = ['all', 'in_queue', 'handled']
  const run = (shape: string, kind: ShapeResult['kind'], work: () => unknown): void => {
    work() // warm the statement cache and the pages
    const samples = Array.from({ length: repeats }, () => timeMs(work))
    out.push({ shape, kind, samples })
  }
  /** Every tab in its default order, then the other orders each tab offers, under the same filters. */
  const pages = (name: string, kind: ShapeResult['kind'], filters: Filters): void => {
    for (const tab of tabs) run(`${tab} / ${name}`, kind, () => listConversations(db, { tab, filters, after: null, limit: 50 }))
    for (const tab of tabs) {
      for (const sort of TAB_SORTS[tab]) {
        if (sort !== DEFAULT_SORT[tab]) run(`${tab} by ${sort} / ${name}`, kind, () => listConversations(db, { tab, sort, filters, after: null, limit: 50 }))
      }
    }
  }
  for (const [name, filters] of Object.entries(shapes(now))) {
    pages(name, 'list', filters)
    run(`counts / ${name}`, 'count', () => countConversations(db, filters))
  }
  for (const [name, filters] of Object.entries(SEARCHES)) {
    pages(name, 'search', filters)
    run(`counts / ${name}`, 'search', () => countConversations(db, filters))
  }
  return out
}

export function summarize(results: readonly ShapeResult[], kind: ShapeResult['kind']): { p50: number; p99: number; worst: number; worstShape: string } {
  const mine = results.filter((r) => r.kind === kind)
  const all = mine.flatMap((r) => r.samples)
  // A shape's figure is its own p99; the worst shape is the one with the highest.
  const perShape = mine.map((r) => ({ shape: r.shape, p99: percentile(r.samples, 99) })).sort((a, b) => b.p99 - a.p99)
  return { p50: percentile(all, 50), p99: percentile(all, 99), worst: perShape[0]?.p99 ?? NaN, worstShape: perShape[0]?.shape ?? '' }
}
