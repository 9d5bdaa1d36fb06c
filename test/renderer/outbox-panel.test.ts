import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import OutboxPanel from '../../renderer/src/components/assign/OutboxPanel.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useNotificationsStore } from '../../renderer/src/stores/notifications'
import { createFakeObserve } from './support/fake-observe'

let wrapper: VueWrapper

beforeEach(() => {
  setActivePinia(createPinia())
  window.observe = createFakeObserve()
  useNotificationsStore().push('error', 'outbox.panel.empty')
  wrapper = mount(OutboxPanel, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
})

afterEach(() => {
  wrapper.unmount()
  delete window.observe
})

const toggle = () => wrapper.get('button[aria-controls="outbox-panel-body"]')
const panel = () => wrapper.find('[aria-label="Pending actions"]')
const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name)!

async function openPanel(): Promise<void> {
  await toggle().trigger('click')
  expect(panel().exists()).toBe(true)
}

describe('the pending actions panel', () => {
  it('closes on Esc from a control inside it and gives the focus back to its toggle', async () => {
    await openPanel()
    const clear = button('Clear notifications').element as HTMLElement
    clear.focus()
    clear.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await nextTick()
    expect(panel().exists()).toBe(false)
    expect(document.activeElement).toBe(toggle().element)
    expect(toggle().attributes('aria-expanded')).toBe('false')
  })

  it('closes on Esc on its toggle too', async () => {
    await openPanel()
    ;(toggle().element as HTMLElement).focus()
    await toggle().trigger('keydown', { key: 'Escape' })
    expect(panel().exists()).toBe(false)
  })

  it('closes on a pointer-down outside it, not inside', async () => {
    await openPanel()
    panel().element.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    await nextTick()
    expect(panel().exists()).toBe(true)
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    await nextTick()
    expect(panel().exists()).toBe(false)
  })
})
