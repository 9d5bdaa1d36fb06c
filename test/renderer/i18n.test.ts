import { describe, expect, it } from 'vitest'
import en from '../../renderer/src/i18n/en'
import id from '../../renderer/src/i18n/id'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key))
}

describe('message files', () => {
  it('have the same keys in English and Bahasa Indonesia, none empty', () => {
    expect(keys(id).sort()).toEqual(keys(en).sort())
    for (const key of keys(id)) {
      const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], id)
      expect(text, key).toBeTruthy()
    }
  })

  it('keep the tab names the product uses', () => {
    expect([en.tabs.all, en.tabs.in_queue, en.tabs.handled]).toEqual(['All', 'In Queue', 'Handled'])
  })
})
