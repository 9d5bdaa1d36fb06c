/**
 * Failed sign-ins counted per e-mail and client address. Past the limit, that pair waits out the
 * window whatever it sends, so a password cannot be guessed at HTTP speed; the same e-mail from
 * another address is not held up, so nobody can lock a supervisor out by failing on purpose.
 */
export const SIGN_IN_LIMIT = { failures: 5, windowMs: 60_000 } as const

/** Pairs kept at most; past it the stale ones go first, so a flood of e-mails costs bounded memory. */
const MAX_KEPT = 10_000

export class SignInThrottle {
  /** Times of the recent failures per pair, oldest first. */
  private readonly failures = new Map<string, number[]>()

  /** How long the pair must wait before it may try again; 0 when it may now. */
  waitMs(key: string, now: number): number {
    const recent = this.recent(key, now)
    if (recent.length < SIGN_IN_LIMIT.failures) return 0
    return recent[recent.length - SIGN_IN_LIMIT.failures]! + SIGN_IN_LIMIT.windowMs - now
  }

  failed(key: string, now: number): void {
    if (!this.failures.has(key) && this.failures.size >= MAX_KEPT) this.sweep(now)
    this.failures.set(key, [...this.recent(key, now), now].slice(-SIGN_IN_LIMIT.failures))
  }

  succeeded(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < SIGN_IN_LIMIT.windowMs)
  }

  private sweep(now: number): void {
    for (const key of this.failures.keys()) if (this.recent(key, now).length === 0) this.failures.delete(key)
    // Pairs still failing: forget the oldest tenth rather than grow, so a flood sweeps seldom.
    for (const key of this.failures.keys()) {
      if (this.failures.size < MAX_KEPT * 0.9) break
      this.failures.delete(key)
    }
  }
}
