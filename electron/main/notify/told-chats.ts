/**
 * The chats told as new, numbered in the order they were told, the latest MAX_TOLD_KEPT kept. A
 * page cut off from Observe (browser mode, its socket gone) missed the notices pushed meanwhile;
 * once back it asks for the chats told after the last number it heard.
 */
import { MAX_TOLD_KEPT, type QueuedChat, type ToldChat, type ToldNumbers } from '../../../shared/ipc/queue-notices'

export class ToldChats {
  private last = 0
  /** Above every number let go to keep the list short: a page that heard less missed some for good. */
  private dropped = 0
  private kept: ToldChat[] = []

  constructor(private readonly keep = MAX_TOLD_KEPT) {}

  /** Numbers the chats just told; null when there are none. */
  record(chats: readonly QueuedChat[]): ToldNumbers | null {
    if (chats.length === 0) return null
    const first = this.last + 1
    for (const chat of chats) this.kept.push({ told: ++this.last, chat })
    const over = this.kept.length - this.keep
    if (over > 0) this.dropped = this.kept.splice(0, over).at(-1)!.told
    return { first, last: this.last }
  }

  /** The chats told after number `after`, and whether some of them are no longer kept. */
  after(after: number): { last: number; chats: ToldChat[]; more: boolean } {
    return { last: this.last, chats: this.kept.filter((entry) => entry.told > after), more: after < this.dropped }
  }

  /** The last number given, so a page just opened asks after it. */
  lastTold(): number {
    return this.last
  }

  /**
   * Lets the chats told so far go (another account's cache now) while the numbering goes on, so a
   * page that heard them does not take new ones for old.
   */
  forget(): void {
    this.kept = []
  }
}
