import { z } from 'zod'

/** Every timestamp in Observe is epoch milliseconds (UTC): cheap to index, sort and compare in SQLite. */
/** The last moment a JavaScript Date can hold: a timestamp past it cannot be shown, sorted by day or turned into a date. */
export const MAX_EPOCH_MS = 8.64e15
export const EpochMs = z.number().int().nonnegative().max(MAX_EPOCH_MS)
export type EpochMs = z.infer<typeof EpochMs>

export const Id = z.number().int().positive()
export type Id = z.infer<typeof Id>
