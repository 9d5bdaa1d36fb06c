/**
 * How a row's label chips share a cell of fixed height. The chips wrap like a flex row with
 * wrapping; those that would need a line more than the cell has give way to a "+N" chip, so a
 * half-shown chip never spills past the row.
 */
export interface ChipRoom {
  /** The cell's inner width. */
  width: number
  /** How many lines of chips the row's height holds. */
  lines: number
  /** The space between two chips, across and down. */
  gap: number
  /** The width of the "+N" chip for `hidden` chips given way. */
  moreWidth: (hidden: number) => number
}

/** How many lines chips of these widths take, each on the current line if it fits, else on a new one. */
export function linesTaken(widths: readonly number[], room: number, gap: number): number {
  let lines = 0
  let used = 0
  for (const natural of widths) {
    // A chip wider than the cell is cut short with an ellipsis and has a line to itself.
    const width = Math.min(natural, room)
    if (lines > 0 && used + gap + width <= room) {
      used += gap + width
    } else {
      lines += 1
      used = width
    }
  }
  return lines
}

/**
 * How many of the chips, from the first, are shown: all of them when they fit, else as many as
 * fit beside the "+N" chip that stands for the rest (none when even the first does not).
 */
export function chipsThatFit(widths: readonly number[], room: ChipRoom): number {
  for (let shown = widths.length; shown > 0; shown--) {
    const hidden = widths.length - shown
    const row = hidden === 0 ? widths.slice(0, shown) : [...widths.slice(0, shown), room.moreWidth(hidden)]
    if (linesTaken(row, room.width, room.gap) <= room.lines) return shown
  }
  return 0
}
