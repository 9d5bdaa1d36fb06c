import { z } from 'zod'

/** Every timestamp in Observe is epoch milliseconds (UTC): cheap to index, sort and compare in SQLite. */
export const EpochMs = z.number().int().nonnegative()
export type EpochMs = z.infer<typeof EpochMs>

export const Id = z.number().int().positive()
export type Id = z.infer<typeof Id>
