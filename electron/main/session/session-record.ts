/**
 * The last session, minus its secret: which server and user, and whether they are signed in. Kept
 * so the next start resumes it, or shows the sign-in screen filled in after a sign-out.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { readJsonFile, writeJsonAtomic } from '../json-file'
import type { Log } from '../log'

export const SessionRecord = z.object({
  /** A server URL, or DEMO_SERVER_KEY for the built-in demo server. */
  server: z.string().min(1),
  email: z.string(),
  signedIn: z.boolean(),
})
export type SessionRecord = z.infer<typeof SessionRecord>

export const sessionFile = (dataDir: string): string => join(dataDir, 'session.json')

export const readSessionRecord = (dataDir: string, log: Log): SessionRecord | null =>
  readJsonFile(sessionFile(dataDir), SessionRecord.nullable(), null, log)

export const writeSessionRecord = (dataDir: string, record: SessionRecord): void => writeJsonAtomic(sessionFile(dataDir), record)
