/**
 * One cache per server and user: dataDir/profiles/<id>/, where the id is a hash of both. Switching
 * server or user switches folders, so two accounts' data never meet in one cache.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'

/** The embedded demo server's address changes with its port every start; this names it instead. */
export const DEMO_SERVER_KEY = 'observe:demo'

/** The same server written two ways (case, trailing slash, default port) gives the same key. */
export function serverKey(server: string): string {
  if (server === DEMO_SERVER_KEY) return server
  const url = new URL(server)
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

export function profileId(server: string, email: string): string {
  return createHash('sha256')
    .update(`${serverKey(server)}\n${email.trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 24)
}

export const profilesDir = (dataDir: string): string => join(dataDir, 'profiles')

export const profileDir = (dataDir: string, server: string, email: string): string => join(profilesDir(dataDir), profileId(server, email))
