/** Picks black or white text for a label colour (#rrggbb), by relative luminance. */
export function readableTextOn(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16)
  if (Number.isNaN(value)) return 'inherit'
  const channel = (shift: number): number => {
    const c = ((value >> shift) & 0xff) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
  return luminance > 0.4 ? '#111827' : '#ffffff'
}
