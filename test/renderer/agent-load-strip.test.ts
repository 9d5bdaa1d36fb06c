import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import AgentLoadStrip from '../../renderer/src/components/agents/AgentLoadStrip.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { flush, makeAgent } from './support/fake-observe'

const agents = [makeAgent(2, 3, 10, { name: 'Ayu Lestari' }), makeAgent(3, 5, 10, { name: 'Kevin Wijaya' })]

describe("the Handled tab's agent strip", () => {
  it('gives the focus to the picked agent\'s card when "All agents" goes away under it', async () => {
    const wrapper = mount(AgentLoadStrip, { props: { agents, selectedIds: [3] }, global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    const all = wrapper.get('button.all')
    ;(all.element as HTMLElement).focus()
    await all.trigger('click')
    expect(wrapper.emitted('select')).toEqual([[[]]])
    // The page clears the filter, and the button goes.
    await wrapper.setProps({ selectedIds: [] })
    await flush()
    expect(wrapper.find('button.all').exists()).toBe(false)
    const kevin = wrapper.findAll('button.card').find((card) => card.text().includes('Kevin Wijaya'))!
    expect(document.activeElement).toBe(kevin.element)
    wrapper.unmount()
  })

  it('says when an agent holds more chats than their quota, which the full bar alone cannot show', () => {
    const strip = [makeAgent(4, 12, 10, { name: 'Rani Putri' }), makeAgent(5, 10, 10, { name: 'Dimas Pratama' })]
    const wrapper = mount(AgentLoadStrip, { props: { agents: strip, selectedIds: [] }, global: { plugins: [createAppI18n('en')] } })
    const card = (name: string) => wrapper.findAll('button.card').find((c) => c.text().includes(name))!
    expect(card('Rani Putri').text()).toContain('2 over quota')
    expect(card('Rani Putri').get('.load').attributes('data-level')).toBe('over')
    expect(card('Dimas Pratama').text()).not.toContain('over quota')
    expect(card('Dimas Pratama').get('.load').attributes('data-level')).toBe('full')
    // The load in words for screen readers; the eye has the bar and "10/10".
    expect(card('Dimas Pratama').get('.numbers').attributes('aria-hidden')).toBe('true')
    expect(card('Dimas Pratama').get('.load .visually-hidden').text()).toBe('10 of 10 conversations')
    wrapper.unmount()
  })
})
