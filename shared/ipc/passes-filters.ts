import type { Conversation } from '../domain'
import type { Filters } from './contract'

/**
 * Whether a conversation passes the page's filters other than the search: for rows that come from
 * the server's older history, which matches only the words.
 */
export function passesFilters(c: Conversation, f: Filters): boolean {
  if (f.type && c.type !== f.type) return false
  if (f.channels?.length && !f.channels.includes(c.channel)) return false
  if (f.labelIds?.length && !c.labelIds.some((id) => f.labelIds!.includes(id))) return false
  if (f.agentIds?.length && (c.lastAgentId === null || !f.agentIds.includes(c.lastAgentId))) return false
  if (f.from !== undefined && c.createdAt < f.from) return false
  if (f.to !== undefined && c.createdAt >= f.to) return false
  return true
}
