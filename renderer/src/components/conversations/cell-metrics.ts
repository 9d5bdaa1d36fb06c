import { shallowRef } from 'vue'

/** What a table cell needs to show a text on one line, read once from a cell on screen: every list's cells share one style. */
export interface CellMetrics {
  /** The cell's width for this text, its padding included, in whole pixels. */
  cellWidth(text: string): number
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
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
  const frame = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
  const widths = new Map<string, number>()
  cellMetrics.value = {
    cellWidth(text) {
      let width = widths.get(text)
      if (width === undefined) {
        // Rounded up: a name a fraction wider than measured would end in an ellipsis.
        width = Math.ceil(context.measureText(text).width + frame)
        widths.set(text, width)
      }
      return width
    },
  }
}
