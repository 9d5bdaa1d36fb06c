import { z } from 'zod'
import { Direction } from './conversation'
import { EpochMs, Id } from './time'

export const SenderKind = z.enum(['customer', 'agent', 'bot', 'system'])
export type SenderKind = z.infer<typeof SenderKind>

export const Attachment = z.object({
  name: z.string().max(500),
  mime: z.string().max(200),
  size: z.number().int().nonnegative(),
  url: z.string().max(2000),
})
export type Attachment = z.infer<typeof Attachment>

/** Someone a system note names: the id ties it to the workspace, the name is as the server wrote it. */
export const EventPerson = z.object({ id: Id, name: z.string().max(500) })
export type EventPerson = z.infer<typeof EventPerson>

/** The kinds of system note this version words in the reader's language; any other shows its text. */
export const SYSTEM_EVENT_KINDS = ['assigned', 'picked_up', 'transferred'] as const
export type SystemEventKind = (typeof SYSTEM_EVENT_KINDS)[number]

/**
 * What a system note says, for a client to word it in its own language; the note's `text` stays
 * the server's English wording for clients that do not know the kind. `kind` is any string, not
 * an enum, so a newer server's new kind does not make the whole message invalid to an older client.
 * `from` null: the conversation came from the queue. `by` absent on a seeded note (no one recorded).
 */
export const SystemEvent = z.object({
  kind: z.string().min(1).max(64),
  to: EventPerson.optional(),
  from: EventPerson.nullable().optional(),
  by: EventPerson.optional(),
})
export type SystemEvent = z.infer<typeof SystemEvent>

export const Message = z.object({
  id: Id,
  conversationId: Id,
  direction: Direction,
  sender: z.object({
    kind: SenderKind,
    name: z.string().max(500),
    /** Set when an agent sent it. */
    agentId: Id.nullable(),
  }),
  text: z.string().max(10_000),
  /** Set on a `system` sender's note the server can describe; older servers leave it out. */
  event: SystemEvent.optional(),
  attachments: z.array(Attachment).max(20),
  createdAt: EpochMs,
})
export type Message = z.infer<typeof Message>
