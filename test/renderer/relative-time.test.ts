import { describe, expect, it } from 'vitest'
import { formatActivity, formatShortDateTime } from '@renderer/utils/time'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const now = Date.UTC(2026, 11, 6, 12, 0, 0)
const ago = (ms: number, locale = 'en'): string => formatActivity(now - ms, now, locale, 'just now')

describe('formatActivity', () => {
  it('says "just now" within a minute either way', () => {
    expect(ago(30_000)).toBe('just now')
    expect(ago(-30_000)).toBe('just now')
  })

  it('moves to the next unit on the rounded figure, never "60 min." or "24 hr."', () => {
    expect(ago(5 * MINUTE)).toBe('5 min. ago')
    expect(ago(59 * MINUTE + 30_000)).toBe('1 hr. ago')
    expect(ago(23 * HOUR + 29 * MINUTE)).toBe('23 hr. ago')
    expect(ago(23 * HOUR + 30 * MINUTE)).toBe(formatShortDateTime(now - (23 * HOUR + 30 * MINUTE), now, 'en'))
    expect(ago(59 * MINUTE + 30_000, 'id')).toBe('1 jam lalu')
  })

  it('says a future time as such', () => {
    expect(ago(-2 * HOUR)).toBe('in 2 hr.')
  })
})
