import { describe, expect, it } from 'vitest'
import { customerLabel, hasVisibleText } from '@shared/domain'

describe('customerLabel', () => {
  it('is the name when it has anything to see', () => {
    expect(customerLabel({ name: '  Rina Wijaya ', handle: '+62 811' }, 7)).toBe('Rina Wijaya')
  })

  it('falls back to the handle, then the ticket, for a name of spaces or invisible characters only', () => {
    for (const name of ['', '   ', '\u3000 \u200b ', '\u2060\u200d']) {
      expect(customerLabel({ name, handle: '+62 811-1500-246' }, 7)).toBe('+62 811-1500-246')
      expect(customerLabel({ name, handle: ' \u200b' }, 10234)).toBe('#10234')
    }
    expect(hasVisibleText('\u200bA')).toBe(true)
  })
})
