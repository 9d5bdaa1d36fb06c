import { describe, expect, it } from 'vitest'
import { durationWords, formatDuration } from '../../renderer/src/utils/format'

const second = 1000
const minute = 60 * second
const hour = 60 * minute

describe('a waiting time in words, for screen readers', () => {
  it('says what the clock shows, in units a listener does not mistake for a time of day', () => {
    expect(formatDuration(4 * minute + 29 * second)).toBe('4:29')
    expect(durationWords(4 * minute + 29 * second, 'en')).toBe('4 minutes 29 seconds')
    expect(durationWords(hour + 2 * minute + 9 * second, 'en')).toBe('1 hour 2 minutes 9 seconds')
    expect(durationWords(59 * second, 'en')).toBe('59 seconds')
  })

  it('leaves out units at zero, and from a day on says days and hours as the clock does', () => {
    expect(durationWords(2 * hour + 30 * second, 'en')).toBe('2 hours 30 seconds')
    expect(durationWords(0, 'en')).toBe('0 seconds')
    expect(durationWords(2 * 24 * hour + 3 * hour + 5 * minute, 'en')).toBe('2 days 3 hours')
  })

  it('speaks Bahasa Indonesia', () => {
    expect(durationWords(4 * minute + 29 * second, 'id')).toBe('4 menit, 29 detik')
  })
})
