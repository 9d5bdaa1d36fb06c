/**
 * What the main process decides to tell a supervisor about the queue. The decisions are made in
 * electron/main/notify; Electron shows them as native notifications, browser mode as the page's.
 */
import { z } from 'zod'
import { ChannelKind, EpochMs, Id } from '../domain'

export const QueuedChat = z.object({
  id: Id,
  customerName: z.string(),
  channel: ChannelKind,
  /** The latest message when the customer sent it, for the notification body; empty when the last word was not theirs. */
  text: z.string(),
  queuedAt: EpochMs,
})
export type QueuedChat = z.infer<typeof QueuedChat>

/**
 * The core numbers the chats it tells as new or as waiting too long, one after another. A notice
 * carries the numbers of the chats it tells, so a page that was cut off from Observe knows which
 * it heard and asks only for the ones after (queue:missed).
 */
export const ToldNumbers = z.object({ first: z.number().int().positive(), last: z.number().int().positive() })
export type ToldNumbers = z.infer<typeof ToldNumbers>

/** How many told chats the core keeps to read back; a page cut off longer is told "at least". */
export const MAX_TOLD_KEPT = 500

export const QueueNotice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new_chat'), chat: QueuedChat, told: ToldNumbers.optional() }),
  /** A burst, coalesced into one notice. */
  z.object({
    kind: z.literal('new_chats'),
    count: z.number().int().positive(),
    chats: z.array(QueuedChat).max(5),
    /** More came than the queue was read for (after a long time away): `count` is how many at least. */
    atLeast: z.literal(true).optional(),
    told: ToldNumbers.optional(),
  }),
  z.object({ kind: z.literal('waiting_too_long'), chat: QueuedChat, waitedMs: z.number().int().nonnegative(), told: ToldNumbers.optional() }),
  /** Several chats past the threshold at once (the queue as found at start, say), in one notice. */
  z.object({
    kind: z.literal('many_waiting_too_long'),
    count: z.number().int().positive(),
    /** The threshold they passed, in whole minutes. */
    minutes: z.number().int().nonnegative(),
    /** The longest waiting first. */
    chats: z.array(QueuedChat).max(5),
    told: ToldNumbers.optional(),
  }),
])
export type QueueNotice = z.infer<typeof QueueNotice>

/**
 * A chat told, with its number (ToldNumbers): as new, or, with `waitedMs`, as waiting too long. An
 * optional field rather than a second list, so the long waits share the one numbering a page
 * already keeps (what it heard live and what it reads back meet number by number) and an entry
 * told as new reads as before.
 */
export const ToldChat = z.object({
  told: z.number().int().positive(),
  chat: QueuedChat,
  /** Told as waiting too long: in queue:missed's answer, how long it has waited by the core's clock at the read. */
  waitedMs: z.number().int().nonnegative().optional(),
})
export type ToldChat = z.infer<typeof ToldChat>

/**
 * What queue:missed answers: the chats told after the number asked for that still wait in the
 * queue. A chat told as new and then as waiting too long is in it once, as the long wait.
 */
export const MissedQueueChats = z.object({
  /** The number of the last chat told so far; the page asks after it next time. */
  last: z.number().int().nonnegative(),
  chats: z.array(ToldChat).max(MAX_TOLD_KEPT),
  /** Some told after the number asked for are no longer kept: there may be more than `chats`. */
  more: z.boolean(),
})
export type MissedQueueChats = z.infer<typeof MissedQueueChats>
