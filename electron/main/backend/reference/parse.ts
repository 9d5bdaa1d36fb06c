import type { z } from 'zod'
import { Change, ChangeEnvelope } from '../../../../shared/api'
import { Conversation } from '../../../../shared/domain'
import type { BackendChange } from '../backend'
import type { Log } from '../../log'

/**
 * Validates records one by one: a malformed record is logged and dropped, the rest go on. One bad
 * row from the server must never stop the sync nor reach the cache.
 */
export function parseEach<S extends z.ZodType>(items: readonly unknown[], schema: S, what: string, log: Log): z.output<S>[] {
  const out: z.output<S>[] = []
  for (const item of items) {
    const parsed = schema.safeParse(item)
    if (parsed.success) out.push(parsed.data)
    else log('warn', `skipped a malformed ${what}`, { issues: parsed.error.issues.slice(0, 5), id: idOf(item) })
  }
  return out
}

/** Like parseEach, and says which conversations were dropped (by id when the record still has one). */
export function parseConversations(items: readonly unknown[], log: Log): { items: Conversation[]; skippedIds: number[]; unidentified: number } {
  const out: Conversation[] = []
  const skippedIds: number[] = []
  let unidentified = 0
  for (const item of items) {
    const parsed = Conversation.safeParse(item)
    if (parsed.success) {
      out.push(parsed.data)
      continue
    }
    const id = usableId(item)
    if (id === null) unidentified++
    else skippedIds.push(id)
    log('warn', 'skipped a malformed conversation', { issues: parsed.error.issues.slice(0, 5), id })
  }
  return { items: out, skippedIds, unidentified }
}

/**
 * How long validation may hold the event loop before it lets other work run. A hot, optimised
 * validator does ~200 records in a millisecond or two, but the first pages after start run
 * unoptimised code several times slower (30 to 40 ms for 200 records), and a busy or slow machine
 * slower still, so the slices end on time rather than on a count.
 */
const PARSE_BUDGET_MS = 3
/** Records validated between two looks at the clock. */
const PARSE_STEP = 10

/** parseConversations for a whole page, letting the event loop run whenever a slice used its time. */
export async function parseConversationsInSlices(items: readonly unknown[], log: Log): Promise<ReturnType<typeof parseConversations>> {
  const out: ReturnType<typeof parseConversations> = { items: [], skippedIds: [], unidentified: 0 }
  let sliceStart = performance.now()
  for (let i = 0; i < items.length; i += PARSE_STEP) {
    if (performance.now() - sliceStart >= PARSE_BUDGET_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      sliceStart = performance.now()
    }
    const step = parseConversations(items.slice(i, i + PARSE_STEP), log)
    out.items.push(...step.items)
    out.skippedIds.push(...step.skippedIds)
    out.unidentified += step.unidentified
  }
  return out
}

/** The id of a record that failed validation, when it is still a plausible one. */
export function usableId(item: unknown): number | null {
  const id = idOf(item)
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null
}

/** Parses a change envelope; returns its seq even when the record inside is bad, so the cursor moves past it. */
export interface ParsedChange {
  seq: number | null
  change: BackendChange | null
  /** A malformed conversation change: its id when known, else 'unknown'. */
  skipped: number | 'unknown' | null
}

export function parseChange(raw: unknown, log: Log): ParsedChange {
  const envelope = ChangeEnvelope.safeParse(raw)
  if (!envelope.success) {
    log('warn', 'skipped a malformed change envelope', { issues: envelope.error.issues.slice(0, 5) })
    // Without an envelope the entity is unknown too: it may have been a conversation.
    return { seq: null, change: null, skipped: 'unknown' }
  }
  const change = Change.safeParse(raw)
  if (!change.success) {
    log('warn', `skipped a malformed ${envelope.data.entity} change`, {
      seq: envelope.data.seq,
      issues: change.error.issues.slice(0, 5),
    })
    const skipped = envelope.data.entity === 'conversation' ? (usableId(envelope.data.data) ?? 'unknown') : null
    return { seq: envelope.data.seq, change: null, skipped }
  }
  const { entity, data } = change.data
  return { seq: envelope.data.seq, change: { entity, data } as BackendChange, skipped: null }
}

function idOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null && 'id' in item ? (item as { id: unknown }).id : undefined
}
