import { plainLine } from '../../../shared/domain'

/**
 * Customer text for the desktop's own surfaces (notifications, the tray menu): one plain line (see
 * plainLine), at most `max` characters with an ellipsis. Counted in code points, not UTF-16 units:
 * customers write emoji, and half of one would show as a broken glyph.
 */
export function clip(text: string, max: number): string {
  const line = plainLine(text)
  if (line.length <= max) return line
  const chars = Array.from(line)
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`
}
