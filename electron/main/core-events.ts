import type { ConnectionState, IpcEventName, IpcEventPayload, TabCounts } from '../../shared/ipc'

type Listener<E extends IpcEventName> = (payload: IpcEventPayload<E>) => void

/** Past this many ids one event just says "everything", which the renderer handles the same way. */
const MAX_IDS = 5_000

/** Default window between two flushes: one frame. A renderer cannot show changes more often, and a change that lands inside a window waits at most that long. */
export const DEFAULT_EVENT_INTERVAL_MS = 16

/**
 * The core's push events, throttled on both edges. After a quiet period the first change goes out
 * on the next turn of the event loop (whatever else the same tick changed rides along), so a
 * single live change reaches the renderer within a tick of its commit. That flush opens a window
 * of `intervalMs`; whatever arrives inside it (a bootstrap commits hundreds of batches a second)
 * goes out in one event when the window closes, which opens the next window. Counts are recomputed
 * on each flush and only sent when they differ.
 */
export class CoreEvents {
  private readonly listeners = new Map<IpcEventName, Set<Listener<IpcEventName>>>()
  private ids = new Set<number>()
  private reset = false
  private dirty = false
  private workspaceDirty = false
  private logDirty = false
  private connection: ConnectionState | null = null
  private lastCounts: TabCounts | null = null
  /** The open window: set from a flush until `intervalMs` later. */
  private window: NodeJS.Timeout | null = null
  /** The leading-edge flush, queued for the next turn of the event loop. */
  private leading: NodeJS.Immediate | null = null
  private disposed = false

  constructor(
    private readonly counts: () => TabCounts | null,
    private readonly intervalMs = DEFAULT_EVENT_INTERVAL_MS,
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

  /** Agents, labels or channels: the page re-reads the workspace (a live agent's load moves often, so it rides the same throttle). */
  workspaceChanged(): void {
    this.workspaceDirty = true
    this.schedule()
  }

  /** Log History gained entries (or was emptied): the page re-reads its newest. */
  logChanged(): void {
    this.logDirty = true
    this.schedule()
  }

  connectionChanged(state: ConnectionState): void {
    this.connection = state
    this.schedule()
  }

  /** Sends whatever is pending now (at shutdown); the throttle starts over quiet. */
  flush(): void {
    this.cancel()
    this.send()
  }

  dispose(): void {
    this.disposed = true
    this.cancel()
    this.listeners.clear()
  }

  private cancel(): void {
    if (this.window) clearTimeout(this.window)
    if (this.leading) clearImmediate(this.leading)
    this.window = null
    this.leading = null
  }

  private schedule(): void {
    // Inside a window the change waits for its end; a leading flush already queued takes it along.
    if (this.window || this.leading || this.disposed) return
    this.leading = setImmediate(() => {
      this.leading = null
      this.flushAndOpenWindow()
    })
  }

  private flushAndOpenWindow(): void {
    if (!this.send() || this.disposed) return
    this.window = setTimeout(() => {
      this.window = null
      // The trailing edge: what the window gathered goes out now and opens the next window;
      // an empty window lets the next change go out at once again.
      this.flushAndOpenWindow()
    }, this.intervalMs)
  }

  /** Emits whatever is pending; says whether there was anything. */
  private send(): boolean {
    const any = this.dirty || this.workspaceDirty || this.logDirty || this.connection !== null
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
    if (this.workspaceDirty) {
      this.workspaceDirty = false
      this.emit('workspace:changed', {})
    }
    if (this.logDirty) {
      this.logDirty = false
      this.emit('log:changed', {})
    }
    if (this.connection) {
      const state = this.connection
      this.connection = null
      this.emit('connection:changed', state)
    }
    return any
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
