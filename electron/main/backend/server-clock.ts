/**
 * The server's clock as read from here. Every timestamp in the cache is the server's, so waits,
 * "5 min ago", the waiting-too-long alert and "Today" must be measured against the server's clock,
 * not this computer's: a PC set two hours ahead (a wrong time zone with the right local time is
 * common) would otherwise show every new chat as waiting two hours, and alert on it at once.
 *
 * The offset comes from the HTTP Date header of the server's answers, which RFC 9110 asks every
 * server with a clock to send. It has whole seconds only, so clocks within a couple of seconds of
 * the server's are left alone, and a new reading moves the offset only when it differs by more than
 * that: the waiting clocks never jitter between readings.
 */

import { parseHttpDate } from './http-date'

/** Readings closer than this to the offset in use change nothing. */
export const CLOCK_TOLERANCE_MS = 2_000
/** A reading from an answer slower than this says too little about when the server wrote it. */
const MAX_ROUND_TRIP_MS = 4_000
/** A move larger than this waits for a second reading that agrees. */
const CONFIRM_MOVE_MS = 86_400_000
export class ServerClock {
  private offset = 0
  /** A large move read once, waiting for the next reading to agree. */
  private unconfirmed: number | null = null
  private readonly listeners = new Set<(offsetMs: number) => void>()

  /** The server's clock minus this computer's, in whole seconds; 0 until a reading says otherwise. */
  get offsetMs(): number {
    return this.offset
  }

  /** Now, by the server's clock. */
  readonly now = (): number => Date.now() + this.offset

  /** Starts from an offset read before (kept with the cache), until an answer says otherwise. */
  seed(offsetMs: number): void {
    this.offset = offsetMs
  }

  /** Takes the Date header of an answer sent at `sentAt` and received at `receivedAt` (this computer's clock). */
  observe(dateHeader: unknown, sentAt: number, receivedAt: number): void {
    if (typeof dateHeader !== 'string' || receivedAt - sentAt > MAX_ROUND_TRIP_MS) return
    const told = parseHttpDate(dateHeader, receivedAt)
    if (told === null) return
    // The header cuts the server's moment down to its second: half a second later is the best guess,
    // taken at the middle of the round trip.
    const estimate = told + 500 - (sentAt + receivedAt) / 2
    if (Math.abs(estimate - this.offset) <= CLOCK_TOLERANCE_MS) {
      this.unconfirmed = null
      return
    }
    const next = Math.abs(estimate) <= CLOCK_TOLERANCE_MS ? 0 : Math.round(estimate / 1000) * 1000
    if (next === this.offset) return
    // One odd answer (a proxy's, a server's clock being set) must not move every date by days.
    if (Math.abs(next - this.offset) > CONFIRM_MOVE_MS && (this.unconfirmed === null || Math.abs(next - this.unconfirmed) > CLOCK_TOLERANCE_MS)) {
      this.unconfirmed = next
      return
    }
    this.unconfirmed = null
    this.offset = next
    for (const listener of this.listeners) listener(next)
  }

  onChange(listener: (offsetMs: number) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
