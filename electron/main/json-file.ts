/**
 * Small JSON files the app owns (settings, the last session): read through a schema so a damaged
 * or hand-edited file falls back instead of crashing, written atomically so a crash mid-write
 * leaves the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { z } from 'zod'
import type { Log } from './log'

/** The file's content when it parses and matches; `fallback` when missing, unreadable or wrong (logged). */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S, fallback: z.output<S>, log: Log): z.output<S> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log('warn', `could not read ${file}; using defaults`, { message: String(error) })
    return fallback
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    log('warn', `${file} is not JSON; using defaults`)
    return fallback
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    log('warn', `${file} does not hold valid data; using defaults`, { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) })
    return fallback
  }
  return parsed.data
}

/** Writes to a temporary file beside the target, then renames it over the target. */
export function writeJsonAtomic(file: string, value: unknown, mode = 0o600): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  try {
    const fd = openSync(temp, 'w', mode)
    try {
      writeSync(fd, `${JSON.stringify(value, null, 2)}\n`)
      // On disk before it takes the target's name, so a power cut cannot leave an empty file there.
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
