import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ConversationTabs from '../../renderer/src/components/conversations/ConversationTabs.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import type { TabCounts } from '../../shared/ipc'

function mountTabs(counts: TabCounts, locale: 'en' | 'id' = 'en') {
  return mount(ConversationTabs, { props: { active: 'all', counts, panelId: 'p' }, global: { plugins: [createAppI18n(locale)] } })
}

describe('ConversationTabs', () => {
  it('shows exact counts, and each tab is described by its count', () => {
    const tabs = mountTabs({ all: 1234, in_queue: 1, handled: 0 })
    expect(tabs.findAll('[data-testid="tab-count"]').map((c) => c.text())).toEqual(['1,234', '1', '0'])
    // Heard as the figure is shown: with the locale's thousands separator.
    expect(tabs.find('#tab-all-hint').text()).toBe('1,234 conversations')
    expect(tabs.find('#tab-in_queue-hint').text()).toBe('one conversation')
  })

  it('marks the All count of a search that matched very many as a lower bound, in figures and in words', () => {
    const tabs = mountTabs({ all: 2000, in_queue: 61, handled: 240, atLeast: ['all'] })
    expect(tabs.findAll('[data-testid="tab-count"]').map((c) => c.text())).toEqual(['2,000+', '61', '240'])
    expect(tabs.find('#tab-all-hint').text()).toBe('at least 2,000 conversations')
    expect(tabs.find('#tab-handled-hint').text()).toBe('240 conversations')
    expect(mountTabs({ all: 2000, in_queue: 61, handled: 240, atLeast: ['all'] }, 'id').find('#tab-all-hint').text()).toBe('sedikitnya 2.000 percakapan')
    const all = mountTabs({ all: 2000, in_queue: 61, handled: 240, atLeast: ['all', 'in_queue', 'handled'] })
    expect(all.findAll('[data-testid="tab-count"]').map((c) => c.text())).toEqual(['2,000+', '61+', '240+'])
  })
})
