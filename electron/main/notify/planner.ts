/**
 * Decides which desktop notifications a supervisor gets about the queue. Pure and clock-injected,
 * so every rule (nothing for what the bootstrap loads, nothing twice, bursts coalesced, a steady
 * stream paced, waiting too long, pause, quiet hours) is tested here; the Electron side only draws
 * the result.
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

/**
 * What one read of the queue left out. A long queue is read as its longest-waiting chats and its
 * newest ones; the chats between these two chats (in the queue's order: queued time, then id) were
 * not read, so their absence says nothing about whether they are still waiting. Null: the read
 * holds the whole queue.
 */
export type UnreadStretch = { after: QueuedChat; before: QueuedChat } | null

/** The queue's order, as the In Queue tab's: queued time, then id. */
export const queueOrder = (a: Pick<QueuedChat, 'queuedAt' | 'id'>, b: Pick<QueuedChat, 'queuedAt' | 'id'>): number => a.queuedAt - b.queuedAt || a.id - b.id

export const DEFAULT_PLANNER_SETTINGS: PlannerSettings = {
  enabled: true,
  coalesceAbove: 3,
  waitingTooLongMs: 5 * 60_000,
  quietHours: null,
}

/**
 * After a new-chat notice, how long newer chats are gathered rather than told one by one. The
 * demo server's stream (about one chat every two seconds) otherwise interrupts every two seconds,
 * and a screen reader never finishes one notice before the next; grouped, a notice naming five
 * customers takes a few seconds to hear and leaves the supervisor a few more to act before the
 * next. Longer would hold back word of a chat that nobody is taking; ten seconds is well under the
 * shortest long-wait alert (a minute), so it never turns a new chat into an overdue one unseen.
 */
export const NEW_CHAT_COOL_DOWN_MS = 10_000

export class NotificationPlanner {
  /** The chats in the queue as last read, with the time each was queued (a new one means it came back). */
  private readonly seen = new Map<Id, number>()
  private readonly alertedLong = new Map<Id, number>()
  /** What the last read left unread. */
  private unread: UnreadStretch = null
  /** What the last read found held out of the queue by an action queued here. */
  private held: ReadonlySet<Id> = NONE
  private pausedUntil = 0
  /** Until when new chats are gathered, after the last new-chat notice; 0 once it has passed untold. */
  private coolingUntil = 0
  /** New chats met during the cool-down, by id, told at its end if they still wait. */
  private readonly gathered = new Map<Id, QueuedChat>()
  /** A read during the cool-down stopped while it still found news (see announce). */
  private gatheredAtLeast = false

  constructor(
    private settings: PlannerSettings,
    /** The server's clock (ServerClock): how long a chat has waited is measured by it. */
    readonly now: () => number = Date.now,
    /** Local minutes after midnight for a time; injectable so quiet hours are testable in any zone. */
    private readonly minuteOfDay: (at: number) => number = (at) => {
      const d = new Date(at)
      return d.getHours() * 60 + d.getMinutes()
    },
    /** See NEW_CHAT_COOL_DOWN_MS; injectable so a test against a real core need not wait it out. */
    private readonly coolDownMs = NEW_CHAT_COOL_DOWN_MS,
  ) {}

  configure(settings: PlannerSettings): void {
    this.settings = settings
    if (this.muted()) this.letGathered()
  }

  /** Pause for a while (or until resumed with 0). Chats arriving meanwhile count as seen. */
  pause(forMs: number): void {
    this.pausedUntil = forMs > 0 ? this.now() + forMs : 0
    if (forMs > 0) this.letGathered()
  }

  /**
   * When the chats gathered during the cool-down are due to be told (a read of the queue then
   * tells them), or null when none are gathered: the stream may stop, and they must not wait for
   * the next change to the queue.
   */
  gatheredDueAt(): number | null {
    return this.gathered.size > 0 ? this.coolingUntil : null
  }

  /** Whether a new chat now would be told at once: no cool-down running, nothing gathered still to tell. */
  quiet(): boolean {
    return this.now() >= this.coolingUntil && this.gathered.size === 0
  }

  isPaused(): boolean {
    return this.pausedUntil > this.now()
  }

  /** Takes in the queue without announcing it: what the bootstrap loads is not news. */
  learn(queue: readonly QueuedChat[], unread: UnreadStretch = null, held: ReadonlySet<Id> = NONE): void {
    // Chats gathered from another core's reads (signed in anew, restarted) are this bootstrap's now.
    this.letGathered()
    this.takeIn(queue, unread, held)
  }

  /**
   * The queue as the cache holds it now: announces the chats not seen before. `held`: chats out of
   * the queue only by an action queued here and not yet applied (an assignment shown ahead of the
   * server). For notices they have not left: if the action is refused or cancelled, the chat
   * returns to the same stay in the queue, which is no news (the refusal says so itself).
   */
  observe(queue: readonly QueuedChat[], unread: UnreadStretch = null, held: ReadonlySet<Id> = NONE, moreUnread = false): Notice[] {
    return this.announce(queue, unread, held, moreUnread).notices
  }

  /**
   * observe(), with every chat its notices tell: a burst's notice names only five, and a page cut
   * off from Observe meanwhile asks afterwards which told chats still wait.
   */
  announce(queue: readonly QueuedChat[], unread: UnreadStretch = null, held: ReadonlySet<Id> = NONE, moreUnread = false): { notices: Notice[]; told: QueuedChat[] } {
    const fresh = this.takeIn(queue, unread, held)
    // Muted chats count as seen, those gathered before too; and the first after is told at once.
    if (this.muted()) {
      this.letGathered()
      return { notices: [], told: [] }
    }
    const now = this.now()
    if (now < this.coolingUntil) {
      for (const chat of fresh) this.gathered.set(chat.id, chat)
      this.gatheredAtLeast ||= moreUnread
      return { notices: [], told: [] }
    }
    // The cool-down is over: what it gathered and still waits joins this read's news, one observation.
    const due = [...this.stillGathered(held), ...fresh].sort(queueOrder)
    const atLeast = moreUnread || this.gatheredAtLeast
    this.letGathered()
    if (due.length === 0) return { notices: [], told: [] }
    this.coolingUntil = now + this.coolDownMs
    // `atLeast`: a read stopped while it still found news, so more new chats wait unread; the
    // count is a floor (and they will not be told one by one as they come into view).
    if (due.length > this.settings.coalesceAbove || atLeast) {
      return { notices: [{ kind: 'new_chats', count: due.length, chats: due.slice(0, 5), ...(atLeast ? { atLeast: true as const } : {}) }], told: due }
    }
    return { notices: due.map((chat) => ({ kind: 'new_chat', chat })), told: due }
  }

  /**
   * The gathered chats still in this stay in the queue: not picked up meanwhile (gone from it, or
   * held out of it by an assignment made here), and not already alerted as waiting too long, which
   * told of them more urgently.
   */
  private stillGathered(held: ReadonlySet<Id>): QueuedChat[] {
    return [...this.gathered.values()].filter((chat) => this.seen.get(chat.id) === chat.queuedAt && !held.has(chat.id) && this.alertedLong.get(chat.id) !== chat.queuedAt)
  }

  /** Forgets the gathered chats and ends the cool-down: nothing is held back for later. */
  private letGathered(): void {
    this.gathered.clear()
    this.gatheredAtLeast = false
    this.coolingUntil = 0
  }

  /**
   * Whether a chat would be news to observe(): not seen in this stay in the queue, not in what the
   * last read left unread, not back from an action of this supervisor's. A reader of a long queue
   * reads on from its newest end while it finds news.
   */
  isNews(chat: QueuedChat): boolean {
    return this.seen.get(chat.id) !== chat.queuedAt && !this.backFromHeld(chat) && !within(chat, this.unread)
  }

  /** Called on a timer: chats that have now waited too long, each alerted once per stay in the queue. */
  overdue(queue: readonly QueuedChat[]): Notice[] {
    return this.alertOverdue(queue).notices
  }

  /**
   * overdue(), with every chat its notices tell, in their order: a backlog's notice names only
   * five, and a page cut off from Observe meanwhile asks afterwards which of them still wait.
   */
  alertOverdue(queue: readonly QueuedChat[]): { notices: Notice[]; told: QueuedChat[] } {
    const limit = this.settings.waitingTooLongMs
    if (limit <= 0) return { notices: [], told: [] }
    const now = this.now()
    const due = queue.filter((chat) => this.isOverdue(chat) && this.alertedLong.get(chat.id) !== chat.queuedAt)
    for (const chat of due) this.alertedLong.set(chat.id, chat.queuedAt)
    if (due.length === 0 || this.muted()) return { notices: [], told: [] }
    if (due.length > this.settings.coalesceAbove) {
      // The first check after a start finds the whole backlog overdue: one notice, not one per chat.
      const longest = [...due].sort(queueOrder).slice(0, 5)
      return { notices: [{ kind: 'many_waiting_too_long', count: due.length, minutes: Math.floor(limit / 60_000), chats: longest }], told: due }
    }
    return { notices: due.map((chat) => ({ kind: 'waiting_too_long', chat, waitedMs: now - chat.queuedAt })), told: due }
  }

  /** Whether chats that wait too long are alerted at all (the threshold is not 0). */
  alertsLongWaits(): boolean {
    return this.settings.waitingTooLongMs > 0
  }

  /** Whether nothing is told now: notifications off, paused, or quiet hours. */
  muted(): boolean {
    if (!this.settings.enabled || this.isPaused()) return true
    const quiet = this.settings.quietHours
    if (!quiet) return false
    const minute = this.minuteOfDay(this.now())
    return quiet.startMinute <= quiet.endMinute
      ? minute >= quiet.startMinute && minute < quiet.endMinute
      : minute >= quiet.startMinute || minute < quiet.endMinute
  }

  /**
   * Records the queue; answers the chats new to it. A chat that left and comes back is news again
   * (queued anew, or missing from a read that would have held it). One the last read left unread
   * was already waiting: when it comes into view, it is not news, and if it has waited too long
   * meanwhile, it belongs to the backlog that was already told, not a notice of its own.
   */
  private takeIn(queue: readonly QueuedChat[], unread: UnreadStretch, held: ReadonlySet<Id>): QueuedChat[] {
    const fresh: QueuedChat[] = []
    for (const chat of queue) {
      if (this.seen.get(chat.id) === chat.queuedAt) {
        // Seen before it slipped out of view, and overdue by the time it is back: the backlog's too.
        if (within(chat, this.unread) && this.isOverdue(chat)) this.alertedLong.set(chat.id, chat.queuedAt)
        continue
      }
      // Back from an action refused or cancelled, though never seen in the queue: Observe started
      // while the action waited (offline). The same wait as before, so no news, and no new alert.
      const back = this.backFromHeld(chat)
      this.seen.set(chat.id, chat.queuedAt)
      if (!back && !within(chat, this.unread)) fresh.push(chat)
      else if (this.isOverdue(chat)) this.alertedLong.set(chat.id, chat.queuedAt)
    }
    const present = new Set(queue.map((chat) => chat.id))
    const gone = (id: Id, queuedAt: number): boolean => !present.has(id) && !held.has(id) && !within({ id, queuedAt }, unread)
    for (const [id, queuedAt] of this.seen) if (gone(id, queuedAt)) this.seen.delete(id)
    for (const [id, queuedAt] of this.alertedLong) if (gone(id, queuedAt)) this.alertedLong.delete(id)
    this.unread = unread
    this.held = held
    return fresh
  }

  private backFromHeld(chat: QueuedChat): boolean {
    return !this.seen.has(chat.id) && this.held.has(chat.id)
  }

  private isOverdue(chat: QueuedChat): boolean {
    const limit = this.settings.waitingTooLongMs
    return limit > 0 && this.now() - chat.queuedAt >= limit
  }
}

const NONE: ReadonlySet<Id> = new Set()

/** Whether a chat lies in the stretch a read left unread. */
function within(chat: Pick<QueuedChat, 'queuedAt' | 'id'>, unread: UnreadStretch): boolean {
  return unread !== null && queueOrder(chat, unread.after) > 0 && queueOrder(chat, unread.before) < 0
}
