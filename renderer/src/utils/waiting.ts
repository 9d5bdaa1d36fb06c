/** Past this a queued customer's wait shows amber. */
export const WAIT_WARN_MS = 2 * 60_000
/** Past this it shows red. */
export const WAIT_ALERT_MS = 5 * 60_000

export type WaitLevel = 'ok' | 'warn' | 'alert'

export function waitLevel(waitedMs: number): WaitLevel {
  if (waitedMs >= WAIT_ALERT_MS) return 'alert'
  return waitedMs >= WAIT_WARN_MS ? 'warn' : 'ok'
}
