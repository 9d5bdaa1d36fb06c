/** Talks to the reference server over plain HTTP, as an outside observer would, to check what the UI shows. */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { cacheFile } from '../../../electron/main/core'
import { profilesDir } from '../../../electron/main/session/profile'
import { API_PREFIX, AssignmentRecord, AssignmentsPage, SignInResponse, StatsResponse, WorkspaceResponse, type FaultSettingsPatch } from '../../../shared/api'
import { Conversation, type Agent } from '../../../shared/domain'

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(new URL(`${API_PREFIX}/auth/sign-in`, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`)
  return SignInResponse.parse(await res.json()).token
}

export async function serverStats(baseUrl: string, token: string, resolvedSince: number): Promise<StatsResponse> {
  const res = await fetch(new URL(`${API_PREFIX}/stats?resolvedSince=${resolvedSince}`, baseUrl), {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!res.ok) throw new Error(`stats failed: ${res.status}`)
  return StatsResponse.parse(await res.json())
}

async function setFaults(baseUrl: string, token: string, patch: FaultSettingsPatch): Promise<void> {
  const res = await fetch(new URL(`${API_PREFIX}/demo/faults`, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(patch),
  })
  if (!res.ok) throw new Error(`faults: ${res.status}`)
}

/** Every request of the API (but sign-in and the demo routes) waits this long before its answer, from now on. */
export const setLatency = (baseUrl: string, token: string, latencyMs: number): Promise<void> => setFaults(baseUrl, token, { latencyMs })

/** This share (0 to 1) of the API's requests (but sign-in and the demo routes) is answered 503 from now on; a stream already open goes on. */
export const setErrorRate = (baseUrl: string, token: string, errorRate: number): Promise<void> => setFaults(baseUrl, token, { errorRate })

/** A new chat in the queue, as the server answers it. */
export async function createDemoConversation(baseUrl: string, token: string, body: { customerName: string; text: string; channel?: string }): Promise<Conversation> {
  const res = await fetch(new URL(`${API_PREFIX}/demo/conversations`, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`demo conversation failed: ${res.status} ${await res.text()}`)
  return Conversation.parse(await res.json())
}

/** The cache file of the one profile under an app's data folder (a core's own data folder works too). */
export function profileCacheFile(dataDir: string): string {
  if (existsSync(cacheFile(dataDir)) || !existsSync(profilesDir(dataDir))) return cacheFile(dataDir)
  const profiles = readdirSync(profilesDir(dataDir)).filter((name) => existsSync(cacheFile(join(profilesDir(dataDir), name))))
  if (profiles.length !== 1) throw new Error(`expected one profile under ${dataDir}, found ${profiles.length}`)
  return cacheFile(join(profilesDir(dataDir), profiles[0]!))
}

/** The resolvedSince window the core bootstrapped with, read from its own cache file. */
export function coreResolvedSince(dataDir: string): number | null {
  const db = new Database(profileCacheFile(dataDir), { readonly: true, fileMustExist: true })
  try {
    const row = db.prepare('SELECT resolved_since AS resolvedSince FROM sync_state WHERE id = 1').get() as
      | { resolvedSince: number | null }
      | undefined
    return row?.resolvedSince ?? null
  } finally {
    db.close()
  }
}

/** The customer writes into a chat `count` times, numbered ("text (3/500)"): a long thread. */
export async function writeDemoMessages(baseUrl: string, token: string, conversationId: number, text: string, count = 1): Promise<void> {
  const res = await fetch(new URL(`${API_PREFIX}/demo/conversations/${conversationId}/messages`, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text, count }),
  })
  if (!res.ok) throw new Error(`demo messages failed: ${res.status} ${await res.text()}`)
}

/** Hands a chat to an agent on the server as a supervisor does (an assign from the queue, or a transfer): a Log History entry each. */
export async function handOff(baseUrl: string, token: string, conversationId: number, action: 'assign' | 'transfer', agentId: number): Promise<void> {
  const res = await fetch(new URL(`${API_PREFIX}/conversations/${conversationId}/${action}`, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ agentId, overrideQuota: true }),
  })
  if (!res.ok) throw new Error(`${action} failed: ${res.status} ${await res.text()}`)
}

/** The server's assignment log, oldest first, as Log History copies it. */
export async function assignmentLog(baseUrl: string, token: string): Promise<AssignmentRecord[]> {
  const out: AssignmentRecord[] = []
  for (let after = 0; ; ) {
    const res = await fetch(new URL(`${API_PREFIX}/assignments?after=${after}&limit=1000`, baseUrl), { headers: { authorization: `Bearer ${token}` } })
    if (!res.ok) throw new Error(`GET assignments failed: ${res.status}`)
    const page = AssignmentsPage.parse(await res.json())
    out.push(...page.items.map((item) => AssignmentRecord.parse(item)))
    if (page.nextAfter === null) return out
    after = page.nextAfter
  }
}

/** An online agent with room for `room` more chats, as the server's workspace has them now. */
export async function agentWithRoom(baseUrl: string, token: string, room = 2): Promise<Agent> {
  const res = await fetch(new URL(`${API_PREFIX}/workspace`, baseUrl), { headers: { authorization: `Bearer ${token}` } })
  const agent = WorkspaceResponse.parse(await res.json()).agents.find((a) => a.role === 'agent' && a.presence === 'online' && a.quota - a.load >= room)
  if (!agent) throw new Error(`no online agent has room for ${room} more chats`)
  return agent
}
