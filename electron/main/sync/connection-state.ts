import type { ConnectionState, ConnectionStatus, FailureReason } from '../../../shared/ipc'

/** Holds the connection state and reports real changes only. */
export class ConnectionTracker {
  private state: ConnectionState

  constructor(
    server: string,
    lastSyncedAt: number | null,
    private readonly publish: (state: ConnectionState) => void,
  ) {
    // Starts as syncing: the first attempt is under way the moment the core starts.
    this.state = { status: 'syncing', lastSyncedAt, server, error: null, reason: null }
  }

  get current(): ConnectionState {
    const { clockOffsetMs, ...rest } = this.state
    return clockOffsetMs ? { ...rest, clockOffsetMs } : rest
  }

  /** `error` is the technical text; `reason` says it in a word the page puts in the supervisor's language. */
  set(status: ConnectionStatus, error: { text: string; reason: FailureReason } | null = null): void {
    this.update({ status, error: error?.text ?? null, reason: error?.reason ?? null })
  }

  synced(at: number): void {
    this.update({ lastSyncedAt: at })
  }

  /** The server's clock was found to differ from this computer's by this much (see ServerClock). */
  clockOffset(offsetMs: number): void {
    this.update({ clockOffsetMs: offsetMs })
  }

  private update(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch }
    const same = (['status', 'error', 'reason', 'lastSyncedAt', 'clockOffsetMs'] as const).every((key) => (next[key] ?? 0) === (this.state[key] ?? 0))
    if (same) return
    this.state = next
    this.publish(this.current)
  }
}
