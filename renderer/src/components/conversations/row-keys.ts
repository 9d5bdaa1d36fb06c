/**
 * The keys that move between the rows of a conversation list (the cached table and older history
 * alike): where a key leads from the row at `index` of `count` rows, or null for a key that does not
 * move. Not held to the list: a Page Up near the top of a window can point above its first row,
 * where the list goes on unread (row-focus.ts decides what such a move does).
 */
export function rowTarget(key: string, index: number, count: number, page: number): number | null {
  const moves: Record<string, number> = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    PageDown: index + page,
    PageUp: index - page,
    Home: 0,
    End: count - 1,
  }
  return moves[key] ?? null
}
