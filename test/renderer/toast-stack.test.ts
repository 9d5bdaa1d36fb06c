import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import ToastStack from '../../renderer/src/components/assign/ToastStack.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { MAX_TOASTS, useNotificationsStore } from '../../renderer/src/stores/notifications'

beforeEach(() => setActivePinia(createPinia()))

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
    expect(notifications.items).toHaveLength(13)
    wrapper.unmount()
  })
})
