import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ToastStack from '../../renderer/src/components/assign/ToastStack.vue'
import { toastRoom } from '../../renderer/src/composables/toast-room'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { useDetailStore } from '../../renderer/src/stores/detail'
import { MAX_TOASTS, TOAST_MS, useNotificationsStore } from '../../renderer/src/stores/notifications'
import { createFakeObserve, flush, makeConversation } from './support/fake-observe'

/** A window tall enough for every toast at once (toast-room.ts shows fewer in a short one). */
const TALL = 1080
let height: number

beforeEach(() => {
  height = window.innerHeight
  Object.defineProperty(window, 'innerHeight', { value: TALL, configurable: true })
  setActivePinia(createPinia())
  window.observe = createFakeObserve({
    'conversations:list': () => ({ rows: [], nextCursor: null }),
    'conversations:get': ({ id }) => ({ conversation: makeConversation(id), messages: [], messagesCached: true, earlierMessages: 'none' }),
  })
})
afterEach(() => {
  Object.defineProperty(window, 'innerHeight', { value: height, configurable: true })
  vi.useRealTimers()
  delete window.observe
})

describe('toasts', () => {
  it('show only the newest few of a burst, keep every entry in the list, and never push out a refusal', async () => {
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] } })
    const notifications = useNotificationsStore()
    notifications.push('error', 'outbox.notice.cancelFailed', { customer: 'Ayu' })
    for (let n = 1; n <= 12; n++) notifications.push('info', 'queue.newChats', { count: n })
    await wrapper.vm.$nextTick()

    const polite = wrapper.get('[role=status]').findAll('.toast').map((toast) => toast.text())
    expect(polite).toHaveLength(MAX_TOASTS)
    expect(polite[0]).toContain('12 new chats waiting')
    expect(polite.at(-1)).toContain(`${12 - MAX_TOASTS + 1} new chats waiting`)
    expect(wrapper.get('[role=alert]').findAll('.toast')).toHaveLength(1)
    // Each region reads out only the toast that came, not every toast it holds again (both are atomic by default in Chromium).
    expect(wrapper.get('[role=status]').attributes('aria-atomic')).toBe('false')
    expect(wrapper.get('[role=alert]').attributes('aria-atomic')).toBe('false')
    expect(notifications.items).toHaveLength(13)
    // Each × says which toast it closes: described by that toast's own words.
    const closes = wrapper.get('[role=status]').findAll('button.close')
    const described = closes.map((b) => wrapper.get(`#${b.attributes('aria-describedby')}`).text())
    expect(described[0]).toBe('12 new chats waiting')
    expect(new Set(described).size).toBe(MAX_TOASTS)
    wrapper.unmount()
  })

  it('show only the newest in a short window, and tell the list how far up they reach', async () => {
    Object.defineProperty(window, 'innerHeight', { value: 640, configurable: true })
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    const notifications = useNotificationsStore()
    for (let n = 1; n <= 3; n++) notifications.push('info', 'queue.newChats', { count: n })
    await flush()
    const polite = wrapper.get('[role=status]').findAll('.toast').map((toast) => toast.text())
    expect(polite).toHaveLength(1)
    expect(polite[0]).toContain('3 new chats waiting')
    // Still toasts, listed under Pending actions all the same.
    expect(notifications.toasts).toHaveLength(3)
    wrapper.unmount()
    expect(toastRoom.value).toBe(0)
  })

  it('give a screen reader the words of toasts that came together but found no room, and of no others', async () => {
    Object.defineProperty(window, 'innerHeight', { value: 640, configurable: true })
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    const notifications = useNotificationsStore()
    notifications.push('success', 'outbox.notice.assigned', { customer: 'Ayu', agent: 'Rani' })
    notifications.push('info', 'queue.newChat', { customer: '<b>Rina</b>', channel: 'Telegram', text: 'Halo' }, { kind: 'openConversation', id: 42 })
    notifications.push('info', 'queue.newChats', { count: 3 })
    await flush()
    const drawn = () => wrapper.get('[role=status]').findAll('.toast').map((toast) => toast.text())
    const unseen = () => wrapper.get('[aria-live=polite]').findAll('p').map((line) => line.text())
    expect(drawn()).toHaveLength(1)
    expect(drawn()[0]).toContain('3 new chats waiting')
    expect(unseen()).toEqual(['<b>Rina</b> is waiting on Telegram: Halo', 'Ayu assigned to Rani'])
    expect(wrapper.get('[aria-live=polite]').find('b').exists()).toBe(false)
    // The one drawn, pushed out of view by the next, was heard as it came: not said again.
    notifications.push('info', 'queue.newChats', { count: 4 })
    await flush()
    expect(drawn()[0]).toContain('4 new chats waiting')
    expect(unseen()).toEqual(['<b>Rina</b> is waiting on Telegram: Halo', 'Ayu assigned to Rani'])
    wrapper.unmount()
  })

  it('word one and several apart', async () => {
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] } })
    const notifications = useNotificationsStore()
    notifications.push('info', 'outbox.notice.skipped.not_in_queue.many', { count: 1 })
    notifications.push('info', 'outbox.notice.skipped.not_in_queue.many', { count: 3 })
    notifications.push('info', 'queue.newChats', { count: 5 })
    await wrapper.vm.$nextTick()
    const texts = wrapper.get('[role=status]').findAll('.toast span[id]').map((toast) => toast.text())
    expect(texts).toEqual([
      '5 new chats waiting',
      '3 conversations were left out: they are no longer waiting',
      '1 conversation was left out: it is no longer waiting',
    ])
    wrapper.unmount()
  })

  it('name the chats left out, each as the customer wrote it: text in its own <bdi>, never markup', async () => {
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] } })
    const notifications = useNotificationsStore()
    notifications.push('info', 'outbox.notice.skipped.not_in_queue.one', { customer: '<b>Budi</b>' })
    notifications.push('info', 'outbox.notice.skipped.not_in_queue.among', { count: 7, first: 'שרה', second: 'Ayu' })
    await wrapper.vm.$nextTick()
    const toasts = wrapper.get('[role=status]').findAll('.toast span[id]')
    expect(toasts.map((toast) => toast.text())).toEqual([
      '7 conversations were left out, שרה and Ayu among them: they are no longer waiting',
      '<b>Budi</b> was left out: the chat is no longer waiting',
    ])
    expect(toasts[0]!.findAll('bdi').map((bdi) => bdi.text())).toEqual(['שרה', 'Ayu'])
    expect(toasts[1]!.find('b').exists()).toBe(false)
    expect(toasts[1]!.get('bdi').text()).toBe('<b>Budi</b>')
    wrapper.unmount()
  })

  it('name the chats a spread kept in the queue for want of room, as text, in both languages', async () => {
    for (const [locale, said] of [
      ['en', ['<i>Ayu</i> and Bayu stay in the queue: their agents have no room now', '5 chats stay in the queue, <i>Ayu</i> and Bayu among them: their agents have no room now']],
      ['id', ['<i>Ayu</i> dan Bayu tetap di antrean: agennya sudah penuh saat ini', '5 chat tetap di antrean, termasuk <i>Ayu</i> dan Bayu: agennya sudah penuh saat ini']],
    ] as const) {
      setActivePinia(createPinia())
      const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n(locale)] } })
      const notifications = useNotificationsStore()
      notifications.push('info', 'outbox.notice.skipped.no_room.among', { count: 5, first: '<i>Ayu</i>', second: 'Bayu' })
      notifications.push('info', 'outbox.notice.skipped.no_room.two', { first: '<i>Ayu</i>', second: 'Bayu' })
      await wrapper.vm.$nextTick()
      const toasts = wrapper.get('[role=status]').findAll('.toast span[id]')
      expect(toasts.map((toast) => toast.text())).toEqual(said)
      for (const toast of toasts) {
        expect(toast.findAll('bdi').map((bdi) => bdi.text())).toEqual(['<i>Ayu</i>', 'Bayu'])
        expect(toast.find('i').exists()).toBe(false)
      }
      wrapper.unmount()
    }
  })

  it('lead from a queue notice to the chat it names, or to the queue for several, and then close', async () => {
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] } })
    const notifications = useNotificationsStore()
    notifications.push('info', 'queue.newChat', { customer: 'Rina', channel: 'Telegram', text: 'Halo' }, { kind: 'openConversation', id: 42 })
    notifications.push('info', 'queue.manyWaitingTooLong', { count: 8, minutes: 5 }, { kind: 'openQueue' })
    notifications.push('success', 'outbox.notice.assigned', { customer: 'Ayu', agent: 'Dimas' })
    await wrapper.vm.$nextTick()
    // Only the queue's notices lead somewhere.
    expect(wrapper.findAll('.toast').map((toast) => toast.findAll('button').length)).toEqual([1, 2, 2])

    await wrapper.get('button[aria-label="Open the chat with Rina"]').trigger('click')
    await flush()
    expect(useDetailStore().openId).toBe(42)
    expect(wrapper.findAll('button.action').map((button) => button.text())).toEqual(['Show queue'])
    await wrapper.get('button.action').trigger('click')
    await flush()
    expect(useConversationsStore().activeTab).toBe('in_queue')
    expect(wrapper.findAll('.toast')).toHaveLength(1)
    wrapper.unmount()
  })

  it('lead from a refusal to its chat as well, from the alert that stays until closed', async () => {
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] } })
    useNotificationsStore().push('error', 'outbox.reason.conflict', { customer: 'Ayu', handler: 'Rani' }, { kind: 'openConversation', id: 7 })
    await wrapper.vm.$nextTick()
    await wrapper.get('[role=alert]').get('button[aria-label="Open the chat with Ayu"]').trigger('click')
    await flush()
    expect(useDetailStore().openId).toBe(7)
    expect(wrapper.findAll('.toast')).toHaveLength(0)
    wrapper.unmount()
  })

  it('stay while the pointer is on one or the focus is in it, and fade a full while after both have left', async () => {
    vi.useFakeTimers()
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    const notifications = useNotificationsStore()
    notifications.push('info', 'queue.newChat', { customer: 'Rina', channel: 'Telegram', text: 'Halo' }, { kind: 'openConversation', id: 42 })
    await wrapper.vm.$nextTick()
    const toast = wrapper.get('.toast')
    const shown = () => wrapper.findAll('.toast').length

    await toast.trigger('pointerenter')
    await toast.get('button.action').trigger('focusin')
    await vi.advanceTimersByTimeAsync(TOAST_MS * 3)
    expect(shown()).toBe(1)
    // The pointer leaves; the focus is still in it.
    await wrapper.get('[role=status]').trigger('pointerleave')
    await vi.advanceTimersByTimeAsync(TOAST_MS * 3)
    expect(shown()).toBe(1)
    await toast.get('button.action').trigger('focusout')
    await vi.advanceTimersByTimeAsync(TOAST_MS - 100)
    expect(shown()).toBe(1)
    await vi.advanceTimersByTimeAsync(200)
    expect(shown()).toBe(0)
    wrapper.unmount()
  })

  it('keep the one being read when a burst pushes the oldest out', async () => {
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    const notifications = useNotificationsStore()
    notifications.push('info', 'queue.newChats', { count: 1 })
    await wrapper.vm.$nextTick()
    await wrapper.get('.toast').trigger('pointerenter')
    for (let n = 2; n <= 8; n++) notifications.push('info', 'queue.newChats', { count: n })
    await wrapper.vm.$nextTick()
    const texts = wrapper.findAll('.toast').map((toast) => toast.text())
    expect(texts).toHaveLength(MAX_TOASTS)
    expect(texts.at(-1)).toContain('1 new chats waiting')
    expect(texts[0]).toContain('8 new chats waiting')
    wrapper.unmount()
  })

  /** A short window with room for one toast: Rina's, under the pointer, and a newer one told after it. */
  async function heldWithNewer() {
    Object.defineProperty(window, 'innerHeight', { value: 640, configurable: true })
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    const notifications = useNotificationsStore()
    notifications.push('info', 'queue.newChat', { customer: 'Rina', channel: 'Telegram', text: 'Halo' }, { kind: 'openConversation', id: 42 })
    await flush()
    await wrapper.get('.toast').trigger('pointerenter')
    notifications.push('info', 'queue.newChats', { count: 2 })
    await flush()
    return { wrapper, notifications }
  }

  it('keep the one being read in view in a short window, where one shows, and show the later ones above it', async () => {
    const { wrapper, notifications } = await heldWithNewer()
    const texts = () => wrapper.findAll('.toast').map((toast) => toast.text())
    // The newest above, the one under the pointer where it was, at the stack's foot.
    expect(texts()).toHaveLength(2)
    expect(texts()[0]).toContain('2 new chats waiting')
    expect(texts()[1]).toContain('Rina')
    // A later one takes the place of the one not being read.
    notifications.push('info', 'queue.newChats', { count: 3 })
    await flush()
    expect(texts()).toHaveLength(2)
    expect(texts()[0]).toContain('3 new chats waiting')
    expect(texts()[1]).toContain('Rina')
    // Once the pointer has left the stack, the window's room again: the newest alone.
    await wrapper.get('[role=status]').trigger('pointerleave')
    await flush()
    expect(texts()).toHaveLength(1)
    expect(texts()[0]).toContain('3 new chats waiting')
    wrapper.unmount()
  })

  it('hold a toast the pointer left for a newer one above it until the pointer leaves the stack', async () => {
    const { wrapper } = await heldWithNewer()
    const toasts = () => wrapper.findAll('.toast')
    // Across the gap to the newer one: the one left below stays, so the newer does not drop from under the pointer.
    await toasts()[1]!.trigger('pointerleave')
    await flush()
    expect(toasts().map((toast) => toast.text())).toHaveLength(2)
    await toasts()[0]!.trigger('pointerenter')
    await flush()
    expect(toasts().map((toast) => toast.text())).toHaveLength(2)
    wrapper.unmount()
  })

  it("isolate each name a toast quotes, so a customer's name cannot turn the app's words around", async () => {
    const wrapper = mount(ToastStack, { global: { plugins: [createAppI18n('en')] } })
    const notifications = useNotificationsStore()
    const hostile = 'Budi \u202E!tnegru'
    notifications.push('success', 'outbox.notice.assigned', { customer: hostile, agent: 'Rani' })
    notifications.push('error', 'outbox.reason.over_quota', { customer: 'Ayu', agent: 'Rani', load: 5, quota: 5 })
    await wrapper.vm.$nextTick()
    const toast = wrapper.get('[role=status] .toast')
    expect(toast.text()).toContain(`${hostile} assigned to Rani`)
    // The override ends with the <bdi> around the name: " assigned to " stays outside it.
    expect(toast.findAll('bdi').map((b) => b.text())).toEqual([hostile, 'Rani'])
    const refusal = wrapper.get('[role=alert] .toast')
    expect(refusal.text()).toContain('Ayu was not assigned: Rani is at quota (5 of 5 chats)')
    expect(refusal.findAll('bdi').map((b) => b.text())).toEqual(['Ayu', 'Rani'])
    wrapper.unmount()
  })
})
