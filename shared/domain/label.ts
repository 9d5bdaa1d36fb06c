import { z } from 'zod'
import { Id } from './time'

export const Label = z.object({
  id: Id,
  name: z.string().min(1).max(100),
  /** CSS hex colour, #rrggbb. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
})
export type Label = z.infer<typeof Label>
