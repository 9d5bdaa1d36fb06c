import { describe, expect, it } from 'vitest'
import en from '../../renderer/src/i18n/en'
import id, { keptInEnglish } from '../../renderer/src/i18n/id'

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
  // built at run time (`tabs.name.${tab}`) count by their stem.
  const files = import.meta.glob<string>(['../../renderer/src/**/*.{vue,ts}', '!../../renderer/src/i18n/**'], { query: '?raw', import: 'default', eager: true })
  const source = Object.values(files).join('\n')
  const literal = (key: string): boolean => [`'${key}'`, `"${key}"`, `\`${key}\``].some((quoted) => source.includes(quoted))
  const stems = new Set([...source.matchAll(/`([\w.]+)\.\$\{/g)].map((match) => match[1]!))

  it('hold no message that no part of the app uses', () => {
    const used = (key: string): boolean => literal(key) || [...stems].some((stem) => key.startsWith(`${stem}.`))
    expect(keys(en).filter((key) => !used(key))).toEqual([])
  })

  // Otherwise a stem would pass a dead message among the many looked up by name beside its built ones.
  it('keep keys built at run time in groups of their own', () => {
    const mixed = [...stems].filter((stem) => {
      const group = keys(en).filter((key) => key.startsWith(`${stem}.`))
      return group.filter(literal).length * 2 >= group.length
    })
    expect(mixed).toEqual([])
  })

  // Marked lang="en" where shown: a key Bahasa has since translated would be read with English sounds.
  it('list as kept in English only names Bahasa shows in English', () => {
    const text = (messages: object, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages)
    for (const key of keptInEnglish) expect(text(id, key), key).toBe(text(en, key))
  })

  it('keep the tab names the product uses', () => {
    expect([en.tabs.name.all, en.tabs.name.in_queue, en.tabs.name.handled]).toEqual(['All', 'In Queue', 'Handled'])
  })
})
