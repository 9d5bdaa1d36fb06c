import type { ConnectionState, IpcEventName, IpcEventPayload, TabCounts } from '../../shared/ipc'

type Listener<E extends IpcEventName> = (payload: IpcEventPayload<E>) => void

/** Past this many ids one event just says "everything", which the renderer handles the same way. */
const MAX_IDS = 5_000

/**
 * The core's push events, coalesced: a bootstrap commits hundreds of batches a second, and the
 * renderer needs at most one refresh per interval. Counts are recomputed on each flush and only
 * sent when they differ.
 */
export class CoreEvents {
  private readonly listeners = new Map<IpcEventName, Set<Listener<IpcEventName>>>()
  private ids = new Set<number>()
  private reset = false
  private dirty = false
  private connection: ConnectionState | null = null
  private lastCounts: TabCounts | null = null
  private timer: NodeJS.Timeout | null = null
  private disposed = false

  constructor(
    private readonly counts: () => TabCounts | null,
    private readonly intervalMs = 75,
  ) {}

  on<E extends IpcEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as Listener<IpcEventName>)
    return () => set.delete(listener as Listener<IpcEventName>)
  }

  cacheChanged(conversationIds: readonly number[], reset: boolean): void {
    for (const id of conversationIds) this.ids.add(id)
    this.reset ||= reset
    this.dirty = true
    this.schedule()
  }

  connectionChanged(state: ConnectionState): void {
    this.connection = state
    this.schedule()
  }

  /** Sends whatever is pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.dirty) {
      const tooMany = this.ids.size > MAX_IDS
      const payload = { conversationIds: tooMany ? [] : [...this.ids], reset: this.reset || tooMany }
      this.ids = new Set()
      this.reset = false
      this.dirty = false
      this.emit('cache:changed', payload)
      const counts = this.counts()
      if (counts && !sameCounts(counts, this.lastCounts)) {
        this.lastCounts = counts
        this.emit('counts:changed', counts)
      }
    }
    if (this.connection) {
      const state = this.connection
      this.connection = null
      this.emit('connection:changed', state)
    }
  }

  dispose(): void {
    this.disposed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.listeners.clear()
  }

  private schedule(): void {
    if (this.timer || this.disposed) return
    this.timer = setTimeout(() => this.flush(), this.intervalMs)
  }

  private emit<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload)
      } catch {
        // A broken listener must not stop the others nor the sync that triggered it.
      }
    }
  }
}

const sameCounts = (a: TabCounts, b: TabCounts | null): boolean =>
  b !== null && a.all === b.all && a.in_queue === b.in_queue && a.handled === b.handled
