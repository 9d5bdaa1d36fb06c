/**
 * Times the server sends that cannot be right (timeUnclear): a channel whose clock says 2099, a
 * field left at 0 (1970). Every list order, wait, alert, date filter and the retention window reads
 * the cache's columns, so such a time is not written there as it came. The conversation is kept,
 * its time in the cache is the one Observe first saw it at (the server's clock then), and what the
 * server sent is kept beside it (`unclear_times`, migration 0250) for the page to say the date is
 * unclear and show it. A wait then counts from when Observe first saw the chat waiting, the least
 * it can have waited, and a chat from 2099 sorts as it arrived, not above every other for good.
 *
 * "First saw": while the server goes on sending the same unclear time, the one written first
 * stands, so a wait does not start again with each message; a new unclear time (the customer wrote
 * again through that channel) is seen now.
 */
import type { Database } from 'better-sqlite3'
import { EARLIEST_CLEAR_MS, FUTURE_TOLERANCE_MS, timeUnclear, UNCLEAR_TIME_FIELDS, UnclearTimes, type Conversation, type UnclearTimeField } from '../../../shared/domain'
import type { CachedConversation } from '../../../shared/ipc/contract'
import type { Log } from '../log'

/** The server's clock at a write of its records, by which their times are judged, and where one found unclear is said. */
export interface TimeJudge {
  now: number
  log: Log
}

/** What the cache holds of a conversation's times: the columns, and what the server had sent for those that were unclear. */
export interface HeldTimes {
  created_at: number
  queued_at: number | null
  updated_at: number
  resolved_at: number | null
  last_message_at: number | null
  unclear_times: string | null
}

const COLUMNS = {
  createdAt: 'created_at',
  queuedAt: 'queued_at',
  updatedAt: 'updated_at',
  resolvedAt: 'resolved_at',
  lastMessageAt: 'last_message_at',
} as const satisfies Record<UnclearTimeField, keyof HeldTimes>

/** An unclear time met for the first time: what the server sent, and what the cache keeps instead. */
export interface UnclearFinding {
  conversationId: number
  field: UnclearTimeField
  sent: number
  keptAs: number
}

export interface SettledTimes {
  /** The conversation as the cache writes it. */
  conversation: Conversation
  /** What the server sent for the times that were unclear; null when none was. */
  unclear: UnclearTimes | null
  /** Those not already held as they are now: to be logged, once. */
  found: UnclearFinding[]
}

const sentTimes = (c: Conversation): Record<UnclearTimeField, number | null> => ({
  createdAt: c.createdAt,
  queuedAt: c.queuedAt,
  updatedAt: c.updatedAt,
  resolvedAt: c.resolvedAt,
  lastMessageAt: c.lastMessage?.at ?? null,
})

/** The times sent that are unclear at `now`, as sent. */
function unclearOf(sent: Record<UnclearTimeField, number | null>, now: number): UnclearTimes {
  const unclear: UnclearTimes = {}
  for (const field of UNCLEAR_TIME_FIELDS) {
    const at = sent[field]
    if (at !== null && timeUnclear(at, now)) unclear[field] = at
  }
  return unclear
}

/** Whether any of a conversation's times is unclear at `now` (cheap: most never are, and need no look at the cache). */
export function hasUnclearTime(c: Conversation, now: number): boolean {
  // Every record of a bootstrap comes through here: no object made for the question.
  const unclear = (at: number | null | undefined): boolean => at !== null && at !== undefined && timeUnclear(at, now)
  return unclear(c.createdAt) || unclear(c.queuedAt) || unclear(c.updatedAt) || unclear(c.resolvedAt) || unclear(c.lastMessage?.at)
}

/**
 * The conversation's times as the cache keeps them, judged by the server's clock `now`; `held`
 * is the cached row, when there is one.
 */
export function settleTimes(c: Conversation, now: number, held: HeldTimes | undefined): SettledTimes {
  if (!hasUnclearTime(c, now)) return { conversation: c, unclear: null, found: [] }
  const sent = sentTimes(c)
  const before = readUnclearTimes(held?.unclear_times ?? null) ?? {}
  const kept = { ...sent }
  const unclear = unclearOf(sent, now)
  const found: UnclearFinding[] = []
  for (const field of UNCLEAR_TIME_FIELDS) {
    const at = unclear[field]
    if (at === undefined) continue
    const first = held?.[COLUMNS[field]] ?? null
    if (before[field] === at && first !== null) kept[field] = first
    else {
      kept[field] = now
      found.push({ conversationId: c.id, field, sent: at, keptAs: now })
    }
  }
  const conversation: Conversation = {
    ...c,
    createdAt: kept.createdAt ?? c.createdAt,
    queuedAt: kept.queuedAt,
    updatedAt: kept.updatedAt ?? c.updatedAt,
    resolvedAt: kept.resolvedAt,
    lastMessage: c.lastMessage && { ...c.lastMessage, at: kept.lastMessageAt ?? c.lastMessage.at },
  }
  return { conversation, unclear, found }
}

/**
 * A conversation read from the server and not cached (older history), its unclear times marked
 * for the page as they are: nothing is sorted or waited on by them, and Observe never saw it before.
 */
export function markUnclearTimes(c: Conversation, now: number): CachedConversation {
  return hasUnclearTime(c, now) ? { ...c, unclearTimes: unclearOf(sentTimes(c), now) } : c
}

/**
 * Settles the times a cache holds as they came, as if first seen at `now` (the server's clock):
 * for a cache written before times were judged (migration 0250). Returns how many rows changed.
 */
export function settleCachedTimes(db: Database, now: number): number {
  const columns = Object.values(COLUMNS)
  const bounds = { floor: EARLIEST_CLEAR_MS, ceiling: now + FUTURE_TOLERANCE_MS }
  const held = db
    .prepare(`SELECT id, ${columns.join(', ')} FROM conversations WHERE ${columns.map((c) => `${c} < @floor OR ${c} > @ceiling`).join(' OR ')}`)
    .all(bounds) as (Omit<HeldTimes, 'unclear_times'> & { id: number })[]
  const write = db.prepare(
    `UPDATE conversations SET created_at = @created_at, queued_at = @queued_at, wait_since = COALESCE(@queued_at, @created_at),
       updated_at = @updated_at, resolved_at = @resolved_at, last_message_at = @last_message_at, unclear_times = @unclear_times,
       awaiting_since = CASE WHEN awaiting_since < @floor OR awaiting_since > @ceiling THEN NULL ELSE awaiting_since END
     WHERE id = @id`,
  )
  for (const row of held) {
    const settled = { ...row }
    const unclear: UnclearTimes = {}
    for (const field of UNCLEAR_TIME_FIELDS) {
      const at = row[COLUMNS[field]]
      if (at === null || !timeUnclear(at, now)) continue
      unclear[field] = at
      settled[COLUMNS[field]] = now
    }
    write.run({ ...settled, ...bounds, unclear_times: JSON.stringify(unclear) })
  }
  return held.length
}

/** The `unclear_times` column as the page is given it; undefined for none, or for text that is not what the cache writes. */
export function readUnclearTimes(text: string | null): UnclearTimes | undefined {
  if (text === null) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  const parsed = UnclearTimes.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** The log's line for a finding: both times readable, with the conversation's id. */
export function describeFinding(finding: UnclearFinding): { message: string; data: Record<string, unknown> } {
  return {
    message: `conversation ${finding.conversationId}: its ${finding.field} cannot be right; kept as the time it was first seen`,
    data: { sent: new Date(finding.sent).toISOString(), keptAs: new Date(finding.keptAs).toISOString() },
  }
}
