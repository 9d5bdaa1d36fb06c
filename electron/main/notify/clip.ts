/**
 * Shortens customer text for the desktop's own surfaces (notifications, the tray menu) to at most
 * `max` characters with an ellipsis. Counted in code points, not UTF-16 units: customers write
 * emoji, and half of one would show as a broken glyph.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
