import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HistoryStatus } from '../../renderer/src/stores/server-history'
import ServerHistory from '../../renderer/src/components/conversations/ServerHistory.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { createFakeObserve, makeConversation } from './support/fake-observe'
import { byRole } from './support/roles'

beforeEach(() => {
  setActivePinia(createPinia())
  window.observe = createFakeObserve()
})
afterEach(() => {
  document.body.innerHTML = ''
  delete window.observe
})

const rows = [1, 2, 3, 4].map((id) => makeConversation(id, { status: 'resolved' }))

function mountList(selectedId: number | null = null) {
  return mount(ServerHistory, {
    props: { status: 'done', rows, query: '', selectedId },
    global: { plugins: [createAppI18n('en')] },
    attachTo: document.body,
  })
}

const tabStops = () => [...document.querySelectorAll<HTMLElement>('[role="row"][tabindex="0"]')].map((row) => Number(row.dataset.id))
const focusedId = () => Number((document.activeElement as HTMLElement | null)?.dataset.id)

describe('older history rows and the keyboard', () => {
  it('are one tab stop, moved with the arrow keys, Home and End like the cached table', async () => {
    const wrapper = mountList()
    expect(tabStops()).toEqual([1])
    const press = async (key: string) => {
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
      await wrapper.vm.$nextTick()
    }
    document.querySelector<HTMLElement>('[data-id="1"]')!.focus()
    await press('ArrowDown')
    expect(focusedId()).toBe(2)
    expect(tabStops()).toEqual([2])
    await press('End')
    expect(focusedId()).toBe(4)
    await press('ArrowDown')
    expect(focusedId()).toBe(4)
    await press('Home')
    expect(focusedId()).toBe(1)
    expect(tabStops()).toEqual([1])
    wrapper.unmount()
  })

  it('say they open their conversation, as the cached rows do', () => {
    mountList()
    const described = [...document.querySelectorAll('[role="row"][data-id]')].map((row) => row.getAttribute('aria-description'))
    expect(described).toEqual(rows.map(() => 'Press Enter to open the conversation'))
  })

  it('put the tab stop on the conversation open in the detail panel', () => {
    const wrapper = mountList(3)
    expect(tabStops()).toEqual([3])
    wrapper.unmount()
  })
})

describe('what the lookup says', () => {
  it('lands in the region that was there while it looked, so a screen reader reads it out', async () => {
    const wrapper = mount(ServerHistory, {
      props: { status: 'loading' as HistoryStatus, rows: [], query: 'budi', selectedId: null },
      global: { plugins: [createAppI18n('en')] },
      attachTo: document.body,
    })
    // Words put in the page together with their region are not reliably read out.
    const region = byRole(wrapper, 'status', /^Searching the server/).element
    await wrapper.setProps({ status: 'offline' })
    expect(byRole(wrapper, 'status', /needs a connection/).element).toBe(region)
    await wrapper.setProps({ status: 'done' })
    expect(byRole(wrapper, 'status', /^Nothing older matches/).element).toBe(region)
    await wrapper.setProps({ rows })
    expect(byRole(wrapper, 'status', '').element).toBe(region)
    expect(wrapper.findAll('[role="row"]')).toHaveLength(4)
    wrapper.unmount()
  })

  it('says a server too slow to answer was not searched, and offers to search again', async () => {
    const wrapper = mount(ServerHistory, {
      props: { status: 'slow' as HistoryStatus, rows: [], query: 'budi', selectedId: null },
      global: { plugins: [createAppI18n('en')] },
      attachTo: document.body,
    })
    const alert = byRole(wrapper, 'alert', /^The server is slow to answer/)
    expect(byRole(wrapper, 'status', '').exists()).toBe(true)
    await byRole(alert, 'button', 'Try again').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
    wrapper.unmount()
  })

  it('says when only the newest matches were looked through, with rows or without', async () => {
    const wrapper = mount(ServerHistory, {
      props: { status: 'done' as HistoryStatus, rows: [], more: true, query: 'budi', selectedId: null },
      global: { plugins: [createAppI18n('en')] },
      attachTo: document.body,
    })
    expect(byRole(wrapper, 'status', /^None of the newest older matches/).exists()).toBe(true)
    await wrapper.setProps({ rows })
    expect(byRole(wrapper, 'status', /^Only the newest older matches on the server were looked through/).exists()).toBe(true)
    await wrapper.setProps({ more: false })
    expect(byRole(wrapper, 'status', '').exists()).toBe(true)
    wrapper.unmount()
  })
})
