import { shallowRef } from 'vue'

/** What a chip's width is made of, read once from a chip on screen: every chip has the same style. */
export interface ChipMetrics {
  /** A chip's width for this text, as the page lays it out (padding and border included, capped at its max width). */
  chipWidth(text: string): number
  /** The space between chips. */
  gap: number
}

/** Shared by every chip list: the first one with a chip on screen measures it for all. */
export const chipMetrics = shallowRef<ChipMetrics | null>(null)

/** Measures from a chip and its list; text widths come from a canvas, so a chip given way need not be laid out. */
export function measureChips(chip: HTMLElement, list: HTMLElement): ChipMetrics | null {
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return null
  const style = getComputedStyle(chip)
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
  const frame =
    parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth)
  const max = parseFloat(style.maxWidth)
  const widths = new Map<string, number>()
  return {
    gap: parseFloat(getComputedStyle(list).columnGap) || 0,
    chipWidth(text) {
      let width = widths.get(text)
      if (width === undefined) {
        // Rounded up: a chip a fraction wider than measured must not be the one that wraps.
        width = Math.ceil(context.measureText(text).width) + frame
        if (Number.isFinite(max)) width = Math.min(width, max)
        widths.set(text, width)
      }
      return width
    },
  }
}
