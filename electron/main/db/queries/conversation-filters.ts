import type { Filters, Tab } from '../../../../shared/ipc'
import { frag, joinFragments, placeholders, type SqlFragment } from './statements'

/** LIKE treats % and _ as wildcards; a customer named "50%_off" must match literally. */
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)

/** The WHERE conditions of a filter set, on `c` (conversations). */
export function filterConditions(filters: Filters): SqlFragment[] {
  const out: SqlFragment[] = []
  if (filters.type) out.push(frag('c.type = ?', filters.type))
  if (filters.channels?.length) {
    out.push(frag(`c.channel IN (${placeholders(filters.channels.length)})`, ...filters.channels))
  }
  if (filters.labelIds?.length) {
    out.push(
      frag(
        `c.id IN (SELECT conversation_id FROM conversation_labels WHERE label_id IN (${placeholders(filters.labelIds.length)}))`,
        ...filters.labelIds,
      ),
    )
  }
  if (filters.agentIds?.length) {
    // "Last handling agent": the current handler, or the last one once it is back in queue or resolved.
    const list = placeholders(filters.agentIds.length)
    out.push(frag(`(c.agent_id IN (${list}) OR c.last_agent_id IN (${list}))`, ...filters.agentIds, ...filters.agentIds))
  }
  if (filters.from !== undefined) out.push(frag('c.created_at >= ?', filters.from))
  if (filters.to !== undefined) out.push(frag('c.created_at < ?', filters.to))
  const search = filters.search?.trim()
  if (search) {
    // Matching customers first lets the planner go through conversations_customer instead of
    // testing every conversation. FTS5 replaces this later.
    const like = `%${escapeLike(search)}%`
    const customers = "c.customer_id IN (SELECT id FROM customers WHERE name LIKE ? ESCAPE '\\' OR handle LIKE ? ESCAPE '\\')"
    out.push(
      /^\d+$/.test(search)
        ? frag(`(${customers} OR c.ticket_no = ?)`, like, like, Number(search))
        : frag(customers, like, like),
    )
  }
  return out
}

export function tabCondition(tab: Tab): SqlFragment | null {
  return tab === 'all' ? null : frag('c.status = ?', tab)
}

export function whereClause(parts: readonly (SqlFragment | null)[]): SqlFragment {
  const present = parts.filter((p): p is SqlFragment => p !== null)
  if (present.length === 0) return frag('')
  const joined = joinFragments(present, ' AND ')
  return { sql: `WHERE ${joined.sql}`, params: joined.params }
}

/** How each tab sorts: In Queue oldest wait first, the others latest activity first; ids break ties. */
export const TAB_ORDER = {
  all: { column: 'updated_at', direction: 'desc' },
  handled: { column: 'updated_at', direction: 'desc' },
  in_queue: { column: 'wait_since', direction: 'asc' },
} as const satisfies Record<Tab, { column: string; direction: 'asc' | 'desc' }>
