/**
 * The chats told as new or as waiting too long, numbered in the order they were told, the latest
 * MAX_TOLD_KEPT kept. A page cut off from Observe (browser mode, its socket gone) missed the
 * notices pushed meanwhile; once back it asks for the chats told after the last number it heard.
 */
import { MAX_TOLD_KEPT, type QueuedChat, type ToldNumbers } from '../../../shared/ipc/queue-notices'

/** One chat told, and whether as waiting too long (else as new). */
export interface ToldEntry {
  told: number
  chat: QueuedChat
  long: boolean
}

export class ToldChats {
  private last = 0
  /** Above every number let go to keep the list short: a page that heard less missed some for good. */
  private dropped = 0
  private kept: ToldEntry[] = []

  constructor(private readonly keep = MAX_TOLD_KEPT) {}

  /** Numbers the chats just told (as waiting too long when `long`); null when there are none. */
  record(chats: readonly QueuedChat[], long = false): ToldNumbers | null {
    if (chats.length === 0) return null
    const first = this.last + 1
    for (const chat of chats) this.kept.push({ told: ++this.last, chat, long })
    const over = this.kept.length - this.keep
    if (over > 0) this.dropped = this.kept.splice(0, over).at(-1)!.told
    return { first, last: this.last }
  }

  /**
   * The chats told after number `after`, and whether some of them are no longer kept. A chat told
   * as new and then, in the same stay, as waiting too long is in it once, as the long wait: the
   * more urgent, and a page that heard the long wait live needs no word of it joining.
   */
  after(after: number): { last: number; chats: ToldEntry[]; more: boolean } {
    const chats = this.kept.filter((entry) => entry.told > after)
    const longStays = new Set(chats.filter((entry) => entry.long).map((entry) => stay(entry.chat)))
    return { last: this.last, chats: chats.filter((entry) => entry.long || !longStays.has(stay(entry.chat))), more: after < this.dropped }
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

const stay = (chat: QueuedChat): string => `${chat.id}@${chat.queuedAt}`
