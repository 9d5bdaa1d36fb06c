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

  // A message nothing shows is translated for nothing and drifts unread from the words in use. Keys
  // built at run time (`tabs.${tab}`) count by their stem.
  it('hold no message that no part of the app uses', () => {
    const files = import.meta.glob<string>(['../../renderer/src/**/*.{vue,ts}', '!../../renderer/src/i18n/**'], { query: '?raw', import: 'default', eager: true })
    const source = Object.values(files).join('\n')
    const used = (key: string): boolean => {
      if ([`'${key}'`, `"${key}"`, `\`${key}\``].some((quoted) => source.includes(quoted))) return true
      const parts = key.split('.')
      return parts.slice(1).some((_, i) => source.includes(`\`${parts.slice(0, parts.length - 1 - i).join('.')}.\${`))
    }
    expect(keys(en).filter((key) => !used(key))).toEqual([])
  })

  it('keep the tab names the product uses', () => {
    expect([en.tabs.all, en.tabs.in_queue, en.tabs.handled]).toEqual(['All', 'In Queue', 'Handled'])
  })
})
