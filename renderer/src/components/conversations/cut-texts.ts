/**
 * The words a row shows cut short (a name, a channel, a tag ending in an ellipsis), whole, in the
 * order the row shows them. Every text a cell may cut carries its whole words in its title, for
 * the pointer; this reads the titles of those that are cut now, for the keyboard, which has no hover.
 */
export function cutTexts(row: HTMLElement): string[] {
  const texts: string[] = []
  for (const titled of row.querySelectorAll<HTMLElement>('[title]')) {
    const text = titled.title.trim()
    if (text !== '' && !texts.includes(text) && isCut(titled)) texts.push(text)
  }
  return texts
}

/**
 * The element, or one inside it (a channel's name beside its icon), ends in an ellipsis now. Only
 * an ellipsis counts: words hidden on purpose (a count spelled out for screen readers) are clipped too.
 */
function isCut(element: HTMLElement): boolean {
  return [element, ...element.querySelectorAll<HTMLElement>('*')].some((e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).textOverflow === 'ellipsis')
}
