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

export const QueueNotice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new_chat'), chat: QueuedChat }),
  /** A burst, coalesced into one notice. */
  z.object({
    kind: z.literal('new_chats'),
    count: z.number().int().positive(),
    chats: z.array(QueuedChat).max(5),
    /** More came than the queue was read for (after a long time away): `count` is how many at least. */
    atLeast: z.literal(true).optional(),
  }),
  z.object({ kind: z.literal('waiting_too_long'), chat: QueuedChat, waitedMs: z.number().int().nonnegative() }),
  /** Several chats past the threshold at once (the queue as found at start, say), in one notice. */
  z.object({
    kind: z.literal('many_waiting_too_long'),
    count: z.number().int().positive(),
    /** The threshold they passed, in whole minutes. */
    minutes: z.number().int().nonnegative(),
    /** The longest waiting first. */
    chats: z.array(QueuedChat).max(5),
  }),
])
export type QueueNotice = z.infer<typeof QueueNotice>
