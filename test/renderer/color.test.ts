import { describe, expect, it } from 'vitest'
import { chipStyle, contrast, TEXT_CONTRAST } from '../../renderer/src/utils/color'

/** The reference workspace's label colours (server/workspace-data.ts, which the renderer's tests cannot import). */
const REFERENCE_LABELS = ['#e5484d', '#f76b15', '#ffb224', '#30a46c', '#0090ff', '#d6409f', '#8e4ec6', '#12a594', '#978365', '#6e56cf']

describe('label chip colours', () => {
  it('read at 4.5:1 for every label of the reference workspace, and for colours at both ends', () => {
    for (const hex of [...REFERENCE_LABELS, '#ffffff', '#000000', '#ffff00', '#777777', '#0000ff']) {
      const { backgroundColor, color } = chipStyle(hex)
      expect(contrast(backgroundColor, color), hex).toBeGreaterThanOrEqual(TEXT_CONTRAST)
    }
  })

  it('keep a colour that already reads, and move one that does not only as far as it needs', () => {
    // Dark enough for white text as it is.
    expect(chipStyle('#6e56cf')).toEqual({ backgroundColor: '#6e56cf', color: '#ffffff' })
    // Light: dark text, colour unchanged.
    expect(chipStyle('#ffb224')).toEqual({ backgroundColor: '#ffb224', color: '#111827' })
    // White on #0090ff is 3.3:1; the chip darkens to just past 4.5:1, still a blue.
    const akun = chipStyle('#0090ff')
    expect(akun.color).toBe('#ffffff')
    expect(contrast(akun.backgroundColor, '#ffffff')).toBeLessThan(5.5)
    expect(akun.backgroundColor).toMatch(/^#00[0-9a-f]{4}$/)
  })

  it('leaves a colour it cannot read as it is', () => {
    expect(chipStyle('teal')).toEqual({ backgroundColor: 'teal', color: 'inherit' })
  })

  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })
})
