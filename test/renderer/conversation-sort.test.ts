import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcInput } from '../../shared/ipc/contract'
import CustomerView from '../../renderer/src/views/CustomerView.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { readPageState, STORAGE_KEY } from '../../renderer/src/stores/page-state'
import { createFakeObserve, makeConversation, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve

beforeEach(() => {
  setActivePinia(createPinia())
  window.localStorage.clear()
  fake = createFakeObserve({
    'workspace:get': () => ({ agents: [], labels: [], channels: [], me: null, datasetId: null }),
    'conversations:counts': () => ({ all: 300, in_queue: 40, handled: 60 }),
    'conversations:list': ({ tab }) => ({
      rows: Array.from({ length: 100 }, (_, i) => makeConversation(i + 1, { status: tab === 'all' ? 'resolved' : tab })),
      nextCursor: `${tab}-next`,
    }),
  })
  window.observe = fake
})

afterEach(() => {
  delete window.observe
})

const listCalls = (): IpcInput<'conversations:list'>[] =>
  fake.calls.filter((c) => c.channel === 'conversations:list').map((c) => c.input as IpcInput<'conversations:list'>)

async function mountView() {
  const wrapper = mount(CustomerView, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const header = (wrapper: Awaited<ReturnType<typeof mountView>>, name: string) =>
  wrapper.findAll('[role="columnheader"]').find((h) => h.find('button').exists() && h.get('button .label').text() === name)!

describe('sorting the conversation table', () => {
  it('offers sort buttons in the sortable headers, with aria-sort on each, and asks the store for the picked order', async () => {
    const wrapper = await mountView()
    expect(listCalls().at(-1)).toMatchObject({ tab: 'all', sort: 'activity_desc', cursor: null })
    expect(header(wrapper, 'Last activity').attributes('aria-sort')).toBe('descending')
    expect(header(wrapper, 'Customer').attributes('aria-sort')).toBe('none')
    expect(header(wrapper, 'Started').attributes('aria-sort')).toBe('none')
    // Named by the column alone (its text; the arrow is hidden): "Sort by …" would be read before every cell.
    expect(header(wrapper, 'Customer').get('button').attributes('aria-label')).toBeUndefined()
    expect(header(wrapper, 'Customer').get('button .sort').attributes('aria-hidden')).toBe('true')
    expect(header(wrapper, 'Customer').get('button').attributes('title')).toBe('Sort by Customer')
    // Columns that do not sort have no button and no aria-sort.
    const channel = wrapper.findAll('[role="columnheader"]').find((h) => h.text() === 'Channel')!
    expect(channel.find('button').exists()).toBe(false)
    expect(channel.attributes('aria-sort')).toBeUndefined()

    await header(wrapper, 'Customer').get('button').trigger('click')
    await flushPromises()
    expect(listCalls().at(-1)).toMatchObject({ tab: 'all', sort: 'customer_asc', cursor: null })
    expect(header(wrapper, 'Customer').attributes('aria-sort')).toBe('ascending')
    expect(header(wrapper, 'Last activity').attributes('aria-sort')).toBe('none')

    // The same header again turns the order round.
    await header(wrapper, 'Customer').get('button').trigger('click')
    await flushPromises()
    expect(listCalls().at(-1)).toMatchObject({ sort: 'customer_desc', cursor: null })
    expect(header(wrapper, 'Customer').attributes('aria-sort')).toBe('descending')

    await header(wrapper, 'Started').get('button').trigger('click')
    await flushPromises()
    expect(listCalls().at(-1)).toMatchObject({ sort: 'created_desc', cursor: null })
    expect(header(wrapper, 'Started').attributes('aria-sort')).toBe('descending')
    expect(readPageState(null)?.sorts).toEqual({ all: 'created_desc', in_queue: 'waiting_desc', handled: 'activity_desc' })
    wrapper.unmount()
  })

  it('starts the window over on a new order and reads on in that order', async () => {
    const wrapper = await mountView()
    const store = useConversationsStore()
    await store.loadMore()
    expect(store.lists.all.records).toHaveLength(100) // the fake repeats ids: shown once each
    expect(listCalls().at(-1)).toMatchObject({ sort: 'activity_desc', cursor: 'all-next' })
    await header(wrapper, 'Last activity').get('button').trigger('click')
    expect(store.lists.all.loaded).toBe(false)
    await flushPromises()
    expect(listCalls().at(-1)).toMatchObject({ sort: 'activity_asc', cursor: null })
    await store.loadMore()
    expect(listCalls().at(-1)).toMatchObject({ sort: 'activity_asc', cursor: 'all-next' })
    wrapper.unmount()
  })

  it('keeps an order per tab: the queue sorts by waiting only', async () => {
    const wrapper = await mountView()
    await wrapper.get('[role="tab"]#tab-in_queue').trigger('click')
    await flushPromises()
    expect(listCalls().at(-1)).toMatchObject({ tab: 'in_queue', sort: 'waiting_desc' })
    expect(header(wrapper, 'Waiting').attributes('aria-sort')).toBe('descending')
    expect(wrapper.findAll('[role="columnheader"] button')).toHaveLength(1)
    await header(wrapper, 'Waiting').get('button').trigger('click')
    await flushPromises()
    expect(listCalls().at(-1)).toMatchObject({ tab: 'in_queue', sort: 'waiting_asc', cursor: null })
    expect(header(wrapper, 'Waiting').attributes('aria-sort')).toBe('ascending')
    expect(useConversationsStore().sorts.all).toBe('activity_desc')
    wrapper.unmount()
  })

  it('restores the stored orders, dropping one a tab does not offer', async () => {
    window.localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        tab: 'all',
        filters: { types: [], channels: [], labelIds: [], agentIds: [], date: null, search: '' },
        sorts: { all: 'customer_desc', in_queue: 'customer_asc', handled: 'nonsense' },
      }),
    )
    const wrapper = await mountView()
    expect(listCalls()).toHaveLength(1)
    expect(listCalls()[0]).toMatchObject({ tab: 'all', sort: 'customer_desc' })
    expect(header(wrapper, 'Customer').attributes('aria-sort')).toBe('descending')
    expect(useConversationsStore().sorts).toEqual({ all: 'customer_desc', in_queue: 'waiting_desc', handled: 'activity_desc' })
    wrapper.unmount()
  })
})
