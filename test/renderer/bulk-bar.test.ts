import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import BulkBar from '../../renderer/src/components/assign/BulkBar.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { usePicksStore } from '../../renderer/src/stores/picks'
import ConversationTable from '../../renderer/src/components/conversations/ConversationTable.vue'
import { MAX_PICKED } from '../../shared/ipc/contract'
import { createFakeObserve, makeConversation } from './support/fake-observe'

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
    const picks = usePicksStore()
    const conversations = useConversationsStore()
    for (const id of [1, 2]) picks.toggleSelected(id, `Customer ${id}`, true)
    await conversations.setTab('in_queue')
    expect(wrapper.find('[role=region]').text()).toContain('2 selected')
    // The count is heard as it changes, not only seen.
    expect(wrapper.get('[role=region] [role=status]').text()).toBe('2 selected')
    picks.toggleSelected(3, 'Customer 3', true)
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[role=region] [role=status]').text()).toBe('3 selected')
    picks.toggleSelected(3, 'Customer 3', false)

    await conversations.setTab('handled')
    expect(wrapper.find('[role=region]').exists()).toBe(false)

    await conversations.setTab('all')
    expect(wrapper.find('[role=region]').text()).toContain('2 selected')
    wrapper.unmount()
  })

  it('has its count live region on the page before the first pick, so the first pick is heard', async () => {
    const wrapper = mount(BulkBar, { global: { plugins: [createAppI18n('en')] } })
    await useConversationsStore().setTab('in_queue')
    const live = wrapper.get('[role=status]')
    expect(live.text()).toBe('')
    expect(wrapper.find('[role=region]').exists()).toBe(false)
    usePicksStore().toggleSelected(1, 'Customer 1', true)
    await wrapper.vm.$nextTick()
    // The same element, now saying it: a region added with its words already in it is not announced.
    expect(wrapper.get('[role=status]').element).toBe(live.element)
    expect(live.text()).toBe('1 selected')
    wrapper.unmount()
  })
})

describe('Select all queued', () => {
  const rows = (count: number) =>
    Array.from({ length: count }, (_, i) => makeConversation(i + 1, { status: i % 3 === 2 ? 'handled' : 'in_queue' }))
  const mountTable = (count: number, hasMore = false) =>
    mount(ConversationTable, {
      props: {
        tab: 'all',
        selectedId: null,
        total: hasMore ? count * 10 : count,
        list: { records: rows(count), base: 0, fromEnd: null, cursor: null, hasMore, hasBefore: false, isFetching: false, error: null, loaded: true, stale: false },
      },
      global: { plugins: [createAppI18n('en')] },
      attachTo: document.body,
    })

  it('heads the queued rows’ checkboxes, mixed while some are picked, and picks the queued rows loaded', async () => {
    const wrapper = mountTable(9)
    const picks = usePicksStore()
    const header = wrapper.get('[role=columnheader][aria-label="Agent"]')
    const box = header.get<HTMLInputElement>('input[type=checkbox]')
    // Named, and titled for the pointer; the column keeps its own name in view.
    expect(box.attributes('aria-label')).toBe('Select all queued')
    expect(box.attributes('title')).toBe('Select all queued')
    expect(header.text()).toBe('Agent')
    expect(box.element.checked).toBe(false)
    picks.toggleSelected(1, 'Customer 1', true)
    await wrapper.vm.$nextTick()
    expect(box.element.indeterminate).toBe(true)
    await box.trigger('change')
    // Every queued row, none of the handled ones.
    expect([...picks.selection].sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 7, 8])
    expect(box.element.indeterminate).toBe(false)
    expect(box.element.checked).toBe(true)
    await box.trigger('change')
    expect(picks.selection.size).toBe(0)
    wrapper.unmount()
  })

  it('stays mixed with more of the list to load, and a second click lets the picks go', async () => {
    const wrapper = mountTable(9, true)
    const picks = usePicksStore()
    const box = wrapper.get<HTMLInputElement>('[role=columnheader] input[type=checkbox]')
    await box.trigger('change')
    expect(picks.selection.size).toBe(6)
    // Not every queued chat: only the ones loaded so far.
    expect(box.element.checked).toBe(false)
    expect(box.element.indeterminate).toBe(true)
    await box.trigger('change')
    expect(picks.selection.size).toBe(0)
    expect(box.element.indeterminate).toBe(false)
    wrapper.unmount()
  })

  it('stops at the most a bulk action takes, and the bar says so', async () => {
    const wrapper = mountTable(MAX_PICKED + 300)
    const bar = mount(BulkBar, { global: { plugins: [createAppI18n('en')] } })
    await useConversationsStore().setTab('all')
    await wrapper.get('[role=columnheader] input[type=checkbox]').trigger('change')
    await bar.vm.$nextTick()
    expect(usePicksStore().selection.size).toBe(MAX_PICKED)
    expect(bar.get('[role=status]').text()).toBe(`${MAX_PICKED} selected, the most one action takes`)
    expect(wrapper.get<HTMLInputElement>('[role=columnheader] input[type=checkbox]').element.checked).toBe(true)
    bar.unmount()
    wrapper.unmount()
  })
})
