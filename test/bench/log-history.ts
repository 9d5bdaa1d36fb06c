/**
 * Log History at the size of a large center's month: hand-offs written through the sync's own
 * write job, then each filter shape's pages read as the page reads them, the first and one deep
 * in the log (a keyset cursor), and its last (End, the first page oldest first), so a shape that
 * sorts or sifts would show here.
 */
import type { Database } from 'better-sqlite3'
import { readLogPage } from '../../electron/main/db/queries/assignment-log'
import { ChainedJobs } from '../../electron/main/sync/write-jobs'
import { silentLog } from '../../electron/main/log'
import type { AssignmentRecord } from '../../shared/api'
import type { LogFilters } from '../../shared/ipc'
import { AGENT_IDS, rng } from './generate'
import { timeMs } from './measure'
import type { ShapeResult } from './queries'

const DAY = 86_400_000
/** A supervisor assigns; an agent may take a chat themselves, or hand it on. */
const SUPERVISOR = 1

/** `count` hand-offs over the last 28 days, in id order as the server logs them, about `conversations` chats. */
export function fillLog(db: Database, options: { count: number; conversations: number; now: number }): void {
  const random = rng(7)
  const pick = (): number => AGENT_IDS[Math.floor(random() * AGENT_IDS.length)]!
  const jobs = new ChainedJobs(db, silentLog)
  const start = options.now - 28 * DAY
  for (let first = 1; first <= options.count; first += 1000) {
    const records: AssignmentRecord[] = []
    for (let id = first; id < first + 1000 && id <= options.count; id++) {
      const to = pick()
      const transfer = random() < 0.2
      records.push({
        id,
        conversationId: 1 + Math.floor(random() * options.conversations),
        action: transfer ? 'transfer' : 'assign',
        byAgentId: random() < 0.3 ? to : SUPERVISOR,
        fromAgentId: transfer ? pick() : null,
        toAgentId: to,
        at: start + Math.floor((28 * DAY * id) / options.count),
      })
    }
    jobs.run({ kind: 'assignment-log', records, after: records.at(-1)!.id, since: 0 }, null)
  }
}

export function logShapes(now: number): Record<string, LogFilters> {
  const today = now - (now % DAY)
  return {
    'whole log': {},
    'agent 5': { agentId: 5 },
    'the supervisor': { agentId: SUPERVISOR },
    today: { from: today, to: today + DAY },
    'last 7 days': { from: now - 7 * DAY },
    'a day 3 weeks ago': { from: today - 21 * DAY, to: today - 20 * DAY },
    'agent 5, a day 3 weeks ago': { agentId: 5, from: today - 21 * DAY, to: today - 20 * DAY },
    'an agent with none': { agentId: 999 },
    'a day with none': { from: today - 60 * DAY, to: today - 59 * DAY },
  }
}

export function runLogPages(db: Database, now: number, repeats: number): ShapeResult[] {
  const out: ShapeResult[] = []
  for (const [name, filters] of Object.entries(logShapes(now))) {
    // Ten pages down: where reading on after "Show older" starts.
    let deep: number | null = null
    for (let page = 0, before: number | null = null; page < 10; page++) {
      const read = readLogPage(db, before, 50, filters)
      if (read.nextBefore === null) break
      deep = before = read.nextBefore
    }
    for (const [where, before] of [['first page', null], ['10 pages down', deep]] as const) {
      if (where !== 'first page' && before === null) continue
      const work = (): unknown => readLogPage(db, before, 50, filters)
      work()
      out.push({ shape: `log / ${name} / ${where}`, kind: 'log', samples: Array.from({ length: repeats }, () => timeMs(work)) })
    }
    // End: the log's oldest page, read as the first page oldest first.
    const end = (): unknown => readLogPage(db, null, 50, filters, 'oldest_first')
    end()
    out.push({ shape: `log / ${name} / last page`, kind: 'log', samples: Array.from({ length: repeats }, () => timeMs(end)) })
  }
  return out
}
