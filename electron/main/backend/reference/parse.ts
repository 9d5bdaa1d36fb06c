import type { z } from 'zod'
import { Change, ChangeEnvelope } from '../../../../shared/api'
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

/** Parses a change envelope; returns its seq even when the record inside is bad, so the cursor moves past it. */
export function parseChange(raw: unknown, log: Log): { seq: number | null; change: BackendChange | null } {
  const envelope = ChangeEnvelope.safeParse(raw)
  if (!envelope.success) {
    log('warn', 'skipped a malformed change envelope', { issues: envelope.error.issues.slice(0, 5) })
    return { seq: null, change: null }
  }
  const change = Change.safeParse(raw)
  if (!change.success) {
    log('warn', `skipped a malformed ${envelope.data.entity} change`, {
      seq: envelope.data.seq,
      issues: change.error.issues.slice(0, 5),
    })
    return { seq: envelope.data.seq, change: null }
  }
  const { entity, data } = change.data
  return { seq: envelope.data.seq, change: { entity, data } as BackendChange }
}

function idOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null && 'id' in item ? (item as { id: unknown }).id : undefined
}
