/**
 * Notices when this process did not run for a while: the computer slept, or the process was paused
 * (SIGSTOP, a debugger). Either way the connections it had open may be dead without a word, and
 * the sync should not wait for a silence timeout to find out.
 *
 * A timer measures a monotonic clock, and on Linux and macOS that clock stands still while the
 * computer sleeps: a stream's 45 s silence timeout started before a two-minute sleep still has most
 * of its time to run after it. The wall clock moved on, though. So a check runs every second and
 * compares how much time passed since the last one by both clocks: a sleep shows in the wall
 * clock, a paused process in both.
 */

export interface WakeClocks {
  /** This computer's clock (not the server's: a new reading of its offset is no jump). */
  wall: () => number
  /** A clock that never steps; may stand still while the computer sleeps. */
  monotonic: () => number
}

export const SYSTEM_CLOCKS: WakeClocks = { wall: Date.now, monotonic: () => performance.now() }

/** How often the clocks are compared. Two reads of a clock: nothing next to any other work. */
export const WAKE_CHECK_MS = 1_000

/**
 * Time lost beyond the check's own interval that counts as a sleep or a pause. Normal work stalls
 * the event loop for a fraction of a second at most (0.12 s measured at a 100,000-conversation
 * bootstrap); a wall clock set forward by this much or more (a time sync after a long drift) only
 * costs one needless reconnect.
 */
export const WAKE_GAP_MS = 10_000

export class WakeWatch {
  private timer: NodeJS.Timeout | null = null
  private lastWall = 0
  private lastMonotonic = 0

  constructor(
    private readonly onWake: (lostMs: number) => void,
    private readonly clocks: WakeClocks = SYSTEM_CLOCKS,
  ) {}

  start(): void {
    if (this.timer) return
    this.mark()
    this.timer = setInterval(() => this.check(), WAKE_CHECK_MS)
    // It watches the process; it is no reason to keep one running.
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private check(): void {
    const wall = this.clocks.wall() - this.lastWall
    const monotonic = this.clocks.monotonic() - this.lastMonotonic
    this.mark()
    // A wall clock set back is no sleep: the monotonic clock says what passed then.
    const lost = Math.max(wall, monotonic) - WAKE_CHECK_MS
    if (lost >= WAKE_GAP_MS) this.onWake(lost)
  }

  private mark(): void {
    this.lastWall = this.clocks.wall()
    this.lastMonotonic = this.clocks.monotonic()
  }
}
