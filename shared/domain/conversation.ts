import { z } from 'zod'
import { ChannelKind } from './channel'
import { EpochMs, Id } from './time'

/** Inbox: the customer started it. Outbox: the company started it (e.g. a WhatsApp template blast). */
export const ConversationType = z.enum(['inbox', 'outbox'])
export type ConversationType = z.infer<typeof ConversationType>

export const ConversationStatus = z.enum(['in_queue', 'handled', 'resolved'])
export type ConversationStatus = z.infer<typeof ConversationStatus>

export const Direction = z.enum(['in', 'out'])
export type Direction = z.infer<typeof Direction>

export const Customer = z.object({
  id: Id,
  /** Customer-supplied text: always rendered as text, never as HTML. */
  name: z.string().max(500),
  /** Phone number, e-mail address or account name on the channel. */
  handle: z.string().max(500),
})
export type Customer = z.infer<typeof Customer>

export const LastMessage = z.object({
  text: z.string().max(10_000),
  at: EpochMs,
  direction: Direction,
})
export type LastMessage = z.infer<typeof LastMessage>

export const Conversation = z.object({
  id: Id,
  /** The number people say out loud ("ticket 10234"). */
  ticketNo: z.number().int().positive(),
  customer: Customer,
  channelId: Id,
  channel: ChannelKind,
  type: ConversationType,
  status: ConversationStatus,
  labelIds: z.array(Id).max(50),
  /** Current handler; null while in queue and once resolved. */
  agentId: Id.nullable(),
  /** Last agent who handled it; kept after resolve. */
  lastAgentId: Id.nullable(),
  createdAt: EpochMs,
  /** When it last entered the queue; null if it never waited. */
  queuedAt: EpochMs.nullable(),
  updatedAt: EpochMs,
  resolvedAt: EpochMs.nullable(),
  lastMessage: LastMessage.nullable(),
  unread: z.number().int().nonnegative(),
  /** Bumped by the server on every change; used for conflict checks and to ignore stale updates. */
  version: z.number().int().positive(),
})
export type Conversation = z.infer<typeof Conversation>

/**
 * Since when a conversation counts as waiting, for the queue's order and its clocks: its queued
 * time, or its start when it never went through the queue.
 */
export const waitSince = (conversation: Pick<Conversation, 'queuedAt' | 'createdAt'>): number => conversation.queuedAt ?? conversation.createdAt

/** A conversation's times that the cache judges (timeUnclear); lastMessageAt is lastMessage.at. */
export const UNCLEAR_TIME_FIELDS = ['createdAt', 'queuedAt', 'updatedAt', 'resolvedAt', 'lastMessageAt'] as const
export type UnclearTimeField = (typeof UNCLEAR_TIME_FIELDS)[number]

/**
 * The times the server sent that could not be right, by field, as sent: the conversation itself
 * carries in their place the time Observe first saw them (see unclear-times.ts in the core).
 */
export const UnclearTimes = z
  .object({ createdAt: EpochMs, queuedAt: EpochMs, updatedAt: EpochMs, resolvedAt: EpochMs, lastMessageAt: EpochMs })
  .partial()
  .strict()
export type UnclearTimes = z.infer<typeof UnclearTimes>
