/**
 * Decides which desktop notifications a supervisor gets about the queue. Pure and clock-injected,
 * so every rule (nothing for what the bootstrap loads, nothing twice, bursts coalesced, waiting
 * too long, pause, quiet hours) is tested here; the Electron side only draws the result.
 */
import type { Id } from '../../../shared/domain'
import type { QueueNotice, QueuedChat } from '../../../shared/ipc/queue-notices'

export type { QueuedChat }
export type Notice = QueueNotice

export interface QuietHours {
  /** Minutes after local midnight; a range may wrap past midnight (22:00–07:00). */
  startMinute: number
  endMinute: number
}

export interface PlannerSettings {
  enabled: boolean
  /**
   * More chats than this in one observation become one notice: "N new chats waiting", or N chats
   * past the waiting threshold at once.
   */
  coalesceAbove: number
  /** Alert once when a chat has waited this long; 0 turns the alert off. */
  waitingTooLongMs: number
  quietHours: QuietHours | null
}

export const DEFAULT_PLANNER_SETTINGS: PlannerSettings = {
  enabled: true,
  coalesceAbove: 3,
  waitingTooLongMs: 5 * 60_000,
  quietHours: null,
}

export class NotificationPlanner {
  private readonly seen = new Set<Id>()
  private readonly alertedLong = new Set<Id>()
  private pausedUntil = 0

  constructor(
    private settings: PlannerSettings,
    private readonly now: () => number = Date.now,
    /** Local minutes after midnight for a time; injectable so quiet hours are testable in any zone. */
    private readonly minuteOfDay: (at: number) => number = (at) => {
      const d = new Date(at)
      return d.getHours() * 60 + d.getMinutes()
    },
  ) {}

  configure(settings: PlannerSettings): void {
    this.settings = settings
  }

  /** Pause for a while (or until resumed with 0). Chats arriving meanwhile count as seen. */
  pause(forMs: number): void {
    this.pausedUntil = forMs > 0 ? this.now() + forMs : 0
  }

  isPaused(): boolean {
    return this.pausedUntil > this.now()
  }

  /** Takes in the queue without announcing it: what the bootstrap loads is not news. */
  learn(queue: readonly QueuedChat[]): void {
    this.takeIn(queue)
  }

  /** The queue as the cache holds it now: announces the chats not seen before. */
  observe(queue: readonly QueuedChat[]): Notice[] {
    const fresh = this.takeIn(queue)
    if (fresh.length === 0 || this.muted()) return []
    if (fresh.length > this.settings.coalesceAbove) {
      return [{ kind: 'new_chats', count: fresh.length, chats: fresh.slice(0, 5) }]
    }
    return fresh.map((chat) => ({ kind: 'new_chat', chat }))
  }

  /** Called on a timer: chats that have now waited too long, each alerted once per stay in the queue. */
  overdue(queue: readonly QueuedChat[]): Notice[] {
    const limit = this.settings.waitingTooLongMs
    if (limit <= 0) return []
    const now = this.now()
    const due = queue.filter((chat) => now - chat.queuedAt >= limit && !this.alertedLong.has(chat.id))
    for (const chat of due) this.alertedLong.add(chat.id)
    if (due.length === 0 || this.muted()) return []
    if (due.length > this.settings.coalesceAbove) {
      // The first check after a start finds the whole backlog overdue: one notice, not one per chat.
      const longest = [...due].sort((a, b) => a.queuedAt - b.queuedAt).slice(0, 5)
      return [{ kind: 'many_waiting_too_long', count: due.length, minutes: Math.floor(limit / 60_000), chats: longest }]
    }
    return due.map((chat) => ({ kind: 'waiting_too_long', chat, waitedMs: now - chat.queuedAt }))
  }

  private muted(): boolean {
    if (!this.settings.enabled || this.isPaused()) return true
    const quiet = this.settings.quietHours
    if (!quiet) return false
    const minute = this.minuteOfDay(this.now())
    return quiet.startMinute <= quiet.endMinute
      ? minute >= quiet.startMinute && minute < quiet.endMinute
      : minute >= quiet.startMinute || minute < quiet.endMinute
  }

  /** Records the queue; answers the chats new to it. A chat that left and comes back is news again. */
  private takeIn(queue: readonly QueuedChat[]): QueuedChat[] {
    const fresh = queue.filter((chat) => !this.seen.has(chat.id))
    for (const chat of fresh) this.seen.add(chat.id)
    const present = new Set(queue.map((chat) => chat.id))
    for (const id of this.seen) if (!present.has(id)) this.seen.delete(id)
    for (const id of this.alertedLong) if (!present.has(id)) this.alertedLong.delete(id)
    return fresh
  }
}
