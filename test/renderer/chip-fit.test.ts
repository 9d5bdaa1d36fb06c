import { describe, expect, it } from 'vitest'
import { chipsThatFit, linesTaken } from '../../renderer/src/components/conversations/chip-fit'

const room = (width: number, lines = 2) => ({ width, lines, gap: 4, moreWidth: (hidden: number) => (hidden < 10 ? 24 : 30) })

describe('label chips in a row', () => {
  it('lays chips out like a wrapping flex row', () => {
    expect(linesTaken([], 80, 4)).toBe(0)
    expect(linesTaken([40, 36], 80, 4)).toBe(1) // exactly full: 40 + 4 + 36
    expect(linesTaken([40, 37], 80, 4)).toBe(2)
    // One wider than the cell is cut to it and takes a line of its own.
    expect(linesTaken([120, 30], 80, 4)).toBe(2)
    expect(linesTaken([30, 120, 30], 80, 4)).toBe(3)
  })

  it('shows every chip that fits the lines', () => {
    expect(chipsThatFit([30, 30, 50], room(80))).toBe(3)
    expect(chipsThatFit([], room(80))).toBe(0)
  })

  it('gives way from the last chip, keeping room on the last line for +N', () => {
    // Three long chips need three lines; the first two and +1 fit in two.
    expect(chipsThatFit([60, 50, 60], room(80))).toBe(2)
    // The second chip would fit alone, but not beside +N: it gives way too.
    expect(chipsThatFit([70, 60, 60, 60], room(80))).toBe(1)
    // Wider, the same chips all fit.
    expect(chipsThatFit([60, 60, 60], room(200))).toBe(3)
    // Fewer lines, fewer chips.
    expect(chipsThatFit([30, 30, 30, 30], room(80, 1))).toBe(1)
  })

  it('shows only +N when not even the first chip fits beside it', () => {
    expect(chipsThatFit([60, 60], room(70, 1))).toBe(0)
  })
})
