import type { ConnectionState, ConnectionStatus } from '../../../shared/ipc'

/** Holds the connection state and reports real changes only. */
export class ConnectionTracker {
  private state: ConnectionState

  constructor(
    server: string,
    lastSyncedAt: number | null,
    private readonly publish: (state: ConnectionState) => void,
  ) {
    // Starts as syncing: the first attempt is under way the moment the core starts.
    this.state = { status: 'syncing', lastSyncedAt, server, error: null }
  }

  get current(): ConnectionState {
    return { ...this.state }
  }

  set(status: ConnectionStatus, error: string | null = null): void {
    this.update({ status, error })
  }

  synced(at: number): void {
    this.update({ lastSyncedAt: at })
  }

  private update(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch }
    if (next.status === this.state.status && next.error === this.state.error && next.lastSyncedAt === this.state.lastSyncedAt) return
    this.state = next
    this.publish(this.current)
  }
}
