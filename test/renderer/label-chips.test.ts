import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import LabelChips from '../../renderer/src/components/conversations/LabelChips.vue'
import { createAppI18n } from '../../renderer/src/i18n'

const mountChips = (labels: { id: number; name: string; color: string }[]) =>
  mount(LabelChips, { props: { labels }, global: { plugins: [createAppI18n('en')] } })

describe("a conversation's label chips", () => {
  it('are a list when there are labels, and no list at all to a screen reader when there are none', () => {
    const some = mountChips([{ id: 1, name: 'VIP', color: '#2563eb' }])
    expect(some.get('ul').attributes('role')).toBeUndefined()
    expect(some.findAll('li').map((li) => li.text())).toEqual(['VIP'])
    some.unmount()
    const none = mountChips([])
    expect(none.get('ul').attributes('role')).toBe('none')
    none.unmount()
  })
})
