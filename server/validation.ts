import type { z } from 'zod'
import { ApiFailure } from './errors'

/** Parses request input with a shared/api schema; a mismatch is a 400 a person can read. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length === 0 ? where : `${where}.${issue.path.join('.')}`
    return `${path}: ${issue.message}`
  })
  throw new ApiFailure(400, 'invalid_request', problems.join('; '))
}
