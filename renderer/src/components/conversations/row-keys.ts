/**
 * The keys that move between the rows of a conversation list (the cached table and older
 * history alike): the row a key leads to, or null for a key that does not move. Clamped to the
 * list, so End on a long list and Up on the first row are safe.
 */
export function rowFor(key: string, index: number, count: number, page: number): number | null {
  const moves: Record<string, number> = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    PageDown: index + page,
    PageUp: index - page,
    Home: 0,
    End: count - 1,
  }
  const next = moves[key]
  return next === undefined || count === 0 ? null : Math.max(0, Math.min(count - 1, next))
}
