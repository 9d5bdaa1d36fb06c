import { z } from 'zod'
import { Id } from './time'

export const AgentRole = z.enum(['agent', 'supervisor'])
export type AgentRole = z.infer<typeof AgentRole>

export const Presence = z.enum(['online', 'away', 'offline'])
export type Presence = z.infer<typeof Presence>

export const Agent = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  email: z.string().max(320),
  role: AgentRole,
  presence: Presence,
  /** Most conversations the agent may handle at once. */
  quota: z.number().int().nonnegative(),
  /** Conversations the agent handles right now. */
  load: z.number().int().nonnegative(),
})
export type Agent = z.infer<typeof Agent>
