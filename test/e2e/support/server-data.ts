/**
 * The reference server's own data, read over HTTP with the server's credentials: what the
 * Customer page should show is computed from here, never from the page itself.
 */
import { API_PREFIX, WorkspaceResponse } from '../../../shared/api'
import { Conversation } from '../../../shared/domain'

export async function fetchConversations(baseUrl: string, token: string, resolvedSince: number): Promise<Conversation[]> {
  const out: Conversation[] = []
  let after = 0
  for (;;) {
    const url = new URL(`${API_PREFIX}/conversations?after=${after}&limit=1000&resolvedSince=${resolvedSince}`, baseUrl)
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
    if (!res.ok) throw new Error(`GET conversations failed: ${res.status}`)
    const page = (await res.json()) as { items: unknown[]; nextAfter: number | null }
    out.push(...page.items.map((item) => Conversation.parse(item)))
    if (page.nextAfter === null) return out
    after = page.nextAfter
  }
}

export async function fetchWorkspace(baseUrl: string, token: string): Promise<WorkspaceResponse> {
  const res = await fetch(new URL(`${API_PREFIX}/workspace`, baseUrl), { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`GET workspace failed: ${res.status}`)
  return WorkspaceResponse.parse(await res.json())
}

export interface Counts {
  all: number
  in_queue: number
  handled: number
}

/** The three tab counts of the conversations that pass `keep`. */
export function countsOf(items: readonly Conversation[], keep: (c: Conversation) => boolean): Counts {
  const kept = items.filter(keep)
  return {
    all: kept.length,
    in_queue: kept.filter((c) => c.status === 'in_queue').length,
    handled: kept.filter((c) => c.status === 'handled').length,
  }
}

/** Local midnight of the day `at` falls in, moved by `days` (the page uses the same local days). */
export function startOfDay(at: number, days = 0): number {
  const d = new Date(at)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime()
}

export function isoDay(at: number): string {
  const d = new Date(at)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
