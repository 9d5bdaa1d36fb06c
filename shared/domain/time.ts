import { z } from 'zod'

/** Every timestamp in Observe is epoch milliseconds (UTC): cheap to index, sort and compare in SQLite. */
/** The last moment a JavaScript Date can hold: a timestamp past it cannot be shown, sorted by day or turned into a date. */
export const MAX_EPOCH_MS = 8.64e15
export const EpochMs = z.number().int().nonnegative().max(MAX_EPOCH_MS)
export type EpochMs = z.infer<typeof EpochMs>

export const Id = z.number().int().positive()
export type Id = z.infer<typeof Id>

/**
 * How far ahead of the server's clock a time may be and still be taken as it comes. A channel's
 * clock that drifts by a few minutes is common and harmless; any further and the waits measured
 * from it would stay at 0:00 for longer than the waiting-too-long alert's default five minutes.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60_000
/**
 * The earliest time taken as a real one: none of the channels carried a customer's chat before it.
 * Earlier ones are a clock or a field never set (0 is 1 January 1970), or seconds read as milliseconds.
 */
export const EARLIEST_CLEAR_MS = Date.UTC(2000, 0, 1)

/**
 * Whether a time the server sent cannot be what it says: far ahead of the server's own clock (`now`,
 * ServerClock), as a channel whose clock says 2099 gives, or before EARLIEST_CLEAR_MS. Shown as it
 * comes, such a time pinned a chat at the top of the list for good, or made its wait 0:00 or 490,000 hours.
 */
export const timeUnclear = (at: number, now: number): boolean => at < EARLIEST_CLEAR_MS || at > now + FUTURE_TOLERANCE_MS
