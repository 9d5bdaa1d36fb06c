import { shallowRef } from 'vue'

/** A type smaller or bolder than the cell's own, in the cell's font family: a tag's, a name's. */
export interface TextType {
  /** In rem, as the stylesheets give it. */
  size: number
  weight?: number
}

/** What a table cell needs to show a text on one line, read once from a cell on screen: every list's cells share one style. */
export interface CellMetrics {
  /** The cell's width for this text, its padding included, in whole pixels. */
  cellWidth(text: string): number
  /** The text's own width in another type, unrounded: the caller adds what frames it, then rounds. */
  textWidth(text: string, type: TextType): number
  /** Pixels in a rem, for the room the stylesheets give in rem (gaps, badges). */
  rem: number
}

/** Shared by the table and the server's history under it, so both lay their columns out alike. */
export const cellMetrics = shallowRef<CellMetrics | null>(null)

/** Measures from the first cell under `root`, once; text widths come from a canvas, so rows not laid out count too. */
export function measureCellsIn(root: HTMLElement | null): void {
  if (cellMetrics.value !== null || !root) return
  const cell = root.querySelector<HTMLElement>('[role="row"] > [role="cell"]')
  if (!cell) return
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return
  const style = getComputedStyle(cell)
  const cellFont = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
  const frame = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
  const widths = new Map<string, number>()
  const measure = (text: string, font: string): number => {
    context.font = font
    return context.measureText(text).width
  }
  cellMetrics.value = {
    rem,
    cellWidth(text) {
      let width = widths.get(text)
      if (width === undefined) {
        // Rounded up: a name a fraction wider than measured would end in an ellipsis.
        width = Math.ceil(measure(text, cellFont) + frame)
        widths.set(text, width)
      }
      return width
    },
    textWidth(text, type) {
      return measure(text, `${type.weight ?? style.fontWeight} ${type.size * rem}px ${style.fontFamily}`)
    },
  }
}
