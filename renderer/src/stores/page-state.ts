/**
 * What the pages remember across restarts: the Customer page's tab, filters and each tab's order,
 * and Log History's filters. Kept in localStorage (the same in Electron and browser mode) and
 * checked with zod when read back: anything that does not parse (an older shape, a hand-edited
 * value, garbage) is ignored and the defaults are used.
 */
import { z } from 'zod'
import { ChannelKind, ConversationType, Id } from '@shared/domain'
import { Tab, TAB_KEYS } from '@shared/ipc/contract'
import { Sort, sortAllowed } from '@shared/ipc/conversation-sort'

export const STORAGE_KEY = 'observe.customerPage.v1'
export const LOG_STORAGE_KEY = 'observe.logHistory.v1'

/** An ISO calendar day, "2025-01-31", in the user's own time zone. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const DATE_PRESETS = ['today', 'last7', 'last30'] as const
export const DateRange = z.discriminatedUnion('preset', [
  z.object({ preset: z.enum(DATE_PRESETS) }),
  z.object({ preset: z.literal('custom'), from: Day.nullable(), to: Day.nullable() }),
])
export type DateRange = z.infer<typeof DateRange>

/** The filter bar's state: what the user picked, before it becomes an IPC query. */
export const PageFilters = z.object({
  types: z.array(ConversationType).max(2),
  channels: z.array(ChannelKind).max(20),
  labelIds: z.array(Id).max(200),
  agentIds: z.array(Id).max(500),
  date: DateRange.nullable(),
  search: z.string().max(200),
})
export type PageFilters = z.infer<typeof PageFilters>

/**
 * The order picked on each tab. One that a tab does not offer (or garbage) is dropped on its own,
 * leaving that tab's default, rather than costing the filters; a state stored before sorting
 * existed has none.
 */
export const PageSorts = z
  .object({ all: Sort.optional().catch(undefined), in_queue: Sort.optional().catch(undefined), handled: Sort.optional().catch(undefined) })
  .transform((sorts): Partial<Record<Tab, Sort>> => {
    const kept: Partial<Record<Tab, Sort>> = {}
    for (const tab of TAB_KEYS) {
      const sort = sorts[tab]
      if (sort && sortAllowed(tab, sort)) kept[tab] = sort
    }
    return kept
  })
export type PageSorts = z.infer<typeof PageSorts>

export const PageState = z.object({ tab: Tab, filters: PageFilters, sorts: PageSorts.optional().catch(undefined) })
export type PageState = z.infer<typeof PageState>

export const emptyFilters = (): PageFilters => ({ types: [], channels: [], labelIds: [], agentIds: [], date: null, search: '' })

/**
 * What the supervisor narrowed Log History to: one agent (or any) and a date range. A preset stays
 * a preset ("today"), so it means the same day after midnight.
 */
export const LogHistoryFilters = z.object({ agentId: Id.nullable(), date: DateRange.nullable() })
export type LogHistoryFilters = z.infer<typeof LogHistoryFilters>

/**
 * The Customer page's state is kept per account (cache profile): its filters name that account's
 * agents and labels, its search that account's customers. Kept for the machine, the next
 * supervisor to sign in opened on "In Queue 0" under the last one's search (a helper's audit).
 */
const pageStateKey = (profile: string | null): string => (profile === null ? STORAGE_KEY : `${STORAGE_KEY}:${profile}`)
export const readPageState = (profile: string | null, storage: Storage | null = safeStorage()): PageState | null =>
  readStored(storage, pageStateKey(profile), PageState)
export const writePageState = (state: PageState, profile: string | null, storage: Storage | null = safeStorage()): void =>
  writeStored(storage, pageStateKey(profile), state)
/** An account's cache deleted: what its page remembered goes too (its customers' names, in a search). */
export function forgetPageState(profile: string | null, storage: Storage | null = safeStorage()): void {
  try {
    storage?.removeItem(pageStateKey(profile))
    // Kept for the whole machine by earlier versions: nobody's to inherit.
    storage?.removeItem(STORAGE_KEY)
  } catch {
    // Storage may be unavailable; then nothing was kept either.
  }
}
export const readLogFilters = (storage: Storage | null = safeStorage()): LogHistoryFilters | null => readStored(storage, LOG_STORAGE_KEY, LogHistoryFilters)
export const writeLogFilters = (filters: LogHistoryFilters, storage: Storage | null = safeStorage()): void => writeStored(storage, LOG_STORAGE_KEY, filters)

function readStored<T>(storage: Storage | null, key: string, schema: z.ZodType<T>): T | null {
  try {
    const raw = storage?.getItem(key)
    if (!raw) return null
    const parsed = schema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function writeStored(storage: Storage | null, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value))
  } catch {
    // Full or unavailable storage: the page still works, it just will not remember.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}
