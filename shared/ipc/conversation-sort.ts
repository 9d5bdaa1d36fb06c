/**
 * The orders a tab's list can be read in. Each one is a keyset order on one column of the cache
 * with the id as tiebreak (in the same direction), so paging stays exact at any depth.
 */
import { z } from 'zod'
import type { Tab } from './contract'

/** The sort keys: what the list is ordered by, and which way. */
export const SORT_FIELDS = ['activity', 'created', 'customer', 'waiting'] as const
export type SortField = (typeof SORT_FIELDS)[number]

export const SORT_KEYS = [
  'activity_desc',
  'activity_asc',
  'created_desc',
  'created_asc',
  'customer_asc',
  'customer_desc',
  'waiting_desc',
  'waiting_asc',
] as const
export const Sort = z.enum(SORT_KEYS)
export type Sort = z.infer<typeof Sort>

/**
 * Which orders each tab offers. `waiting_desc` is the longest wait first (the oldest queued time);
 * `customer_*` compares names case- and accent-insensitively.
 */
const LIST_SORTS = ['activity_desc', 'activity_asc', 'created_desc', 'created_asc', 'customer_asc', 'customer_desc'] as const

export const TAB_SORTS = {
  all: LIST_SORTS,
  handled: LIST_SORTS,
  in_queue: ['waiting_desc', 'waiting_asc'],
} as const satisfies Record<Tab, readonly Sort[]>

/** Each tab's order when none is asked for: latest activity first, and in the queue the longest wait. */
export const DEFAULT_SORT = { all: 'activity_desc', handled: 'activity_desc', in_queue: 'waiting_desc' } as const satisfies Record<Tab, Sort>

export function sortAllowed(tab: Tab, sort: Sort): boolean {
  return (TAB_SORTS[tab] as readonly Sort[]).includes(sort)
}

export function sortField(sort: Sort): SortField {
  return sort.slice(0, sort.indexOf('_')) as SortField
}

export function sortDirection(sort: Sort): 'asc' | 'desc' {
  return sort.endsWith('_asc') ? 'asc' : 'desc'
}

/**
 * The same order the other way round. Every order breaks ties by id in its own direction and
 * every column it sorts on is NOT NULL, so its opposite lists exactly the same rows backwards: its
 * first page is the list's last, which is how the list reaches its end without paging through it.
 */
export function oppositeSort(sort: Sort): Sort {
  return `${sortField(sort)}_${sortDirection(sort) === 'asc' ? 'desc' : 'asc'}` as Sort
}
