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
  attachments: z.array(Attachment).max(20),
  createdAt: EpochMs,
})
export type Message = z.infer<typeof Message>
