import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import BulkBar from '../../renderer/src/components/assign/BulkBar.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { createFakeObserve } from './support/fake-observe'

beforeEach(() => {
  setActivePinia(createPinia())
  window.observe = createFakeObserve({ 'conversations:list': () => ({ rows: [], nextCursor: null }) })
})
afterEach(() => {
  delete window.observe
})

describe('the bulk assignment bar', () => {
  it('shows the pick on the tabs that show queued rows, and keeps it while Handled is shown', async () => {
    const wrapper = mount(BulkBar, { global: { plugins: [createAppI18n('en')] } })
    const outbox = useOutboxStore()
    const conversations = useConversationsStore()
    for (const id of [1, 2]) outbox.toggleSelected(id, `Customer ${id}`, true)
    await conversations.setTab('in_queue')
    expect(wrapper.find('[role=region]').text()).toContain('2 selected')
    // The count is heard as it changes, not only seen.
    expect(wrapper.get('[role=region] [role=status]').text()).toBe('2 selected')
    outbox.toggleSelected(3, 'Customer 3', true)
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[role=region] [role=status]').text()).toBe('3 selected')
    outbox.toggleSelected(3, 'Customer 3', false)

    await conversations.setTab('handled')
    expect(wrapper.find('[role=region]').exists()).toBe(false)

    await conversations.setTab('all')
    expect(wrapper.find('[role=region]').text()).toContain('2 selected')
    wrapper.unmount()
  })
})
