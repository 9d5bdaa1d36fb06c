import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import OutboxPanel from '../../renderer/src/components/assign/OutboxPanel.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { useDetailStore } from '../../renderer/src/stores/detail'
import { useNotificationsStore } from '../../renderer/src/stores/notifications'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { createFakeObserve, flush, makeConversation, makeOutboxAction, type FakeObserve } from './support/fake-observe'

let wrapper: VueWrapper

beforeEach(() => {
  setActivePinia(createPinia())
  window.observe = createFakeObserve({
    'conversations:list': () => ({ rows: [], nextCursor: null }),
    'conversations:get': ({ id }) => ({ conversation: makeConversation(id), messages: [], messagesCached: true, earlierMessages: 'none' }),
  })
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

  it('says on its toggle how many refusals wait to be dismissed, long after their toast', async () => {
    const refusal = { code: 'conflict' as const, message: 'taken', handledBy: { agentId: 9, name: 'Rani' }, agent: null }
    const actions = [makeOutboxAction(1), makeOutboxAction(2, { state: 'rejected', rejection: refusal }), makeOutboxAction(3, { state: 'rejected', rejection: refusal })]
    ;(window.observe as FakeObserve).handlers['outbox:list'] = () => ({ actions })
    await useOutboxStore().load()
    await nextTick()
    // As a screen reader hears the toggle: the red count is for the eye.
    const heard = toggle().element.cloneNode(true) as HTMLElement
    for (const hidden of heard.querySelectorAll('[aria-hidden="true"]')) hidden.remove()
    expect(heard.textContent?.replace(/\s+/g, ' ').trim()).toBe('Pending actions 1, 2 refused')
    expect(toggle().get('.refused').attributes('title')).toBe('2 refused')
    ;(window.observe as FakeObserve).handlers['outbox:list'] = () => ({ actions: actions.slice(0, 1) })
    await useOutboxStore().load()
    await nextTick()
    expect(toggle().find('.refused').exists()).toBe(false)
  })

  it('gives the focus back to its toggle when the Dismiss under it goes with its refusal, the panel still open', async () => {
    const refusal = { code: 'conflict' as const, message: 'taken', handledBy: { agentId: 9, name: 'Rani' }, agent: null }
    const taken = makeOutboxAction(2, { state: 'rejected', rejection: refusal })
    ;(window.observe as FakeObserve).handlers['outbox:list'] = () => ({ actions: [taken] })
    ;(window.observe as FakeObserve).handlers['outbox:dismiss'] = ({ id }) => ({ ...taken, id, dismissed: true })
    await useOutboxStore().load()
    await openPanel()
    const dismiss = wrapper.findAll('button').find((b) => b.text().startsWith('Dismiss'))!
    ;(dismiss.element as HTMLElement).focus()
    await dismiss.trigger('click')
    await flush()
    expect(wrapper.findAll('button').some((b) => b.text().startsWith('Dismiss'))).toBe(false)
    expect(document.activeElement).toBe(toggle().element)
    expect(panel().exists()).toBe(true)
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

  it('keeps each notice with its time, and leads from it as its toast did, long after the toast faded', async () => {
    const notifications = useNotificationsStore()
    notifications.push('info', 'queue.newChat', { customer: 'Rina', channel: 'Telegram', text: 'Halo' }, { kind: 'openConversation', id: 42 })
    notifications.push('info', 'queue.manyWaitingTooLong', { count: 8, minutes: 5 }, { kind: 'openQueue' })
    for (const notice of notifications.items) notifications.closeToast(notice.id)
    await openPanel()
    const notices = () => wrapper.get('ul[aria-label="Notifications"]').findAll('li')
    expect(notices().map((li) => li.get('time').text())).toEqual(['just now', 'just now', 'just now'])
    // Only the queue's notices lead somewhere.
    expect(notices().map((li) => li.findAll('button').map((b) => b.text()))).toEqual([['Show queue'], ['Open'], []])

    await wrapper.get('button[aria-label="Open the chat with Rina"]').trigger('click')
    await flush()
    expect(useDetailStore().openId).toBe(42)
    expect(panel().exists()).toBe(false)
    expect(document.activeElement).toBe(toggle().element)

    await openPanel()
    await button('Show queue').trigger('click')
    await flush()
    expect(useConversationsStore().activeTab).toBe('in_queue')
    expect(panel().exists()).toBe(false)
  })

  it('after the server comes back holding other data, leads to no chat of the old data and says an action held back was not sent', async () => {
    const workspace = useWorkspaceStore()
    workspace.workspace = { agents: [], labels: [], channels: [], me: null, datasetId: 'A' }
    const notifications = useNotificationsStore()
    notifications.push('success', 'outbox.notice.assigned', { customer: 'Golf Seven', agent: 'Nadia' }, { kind: 'openConversation', id: 11, dataset: 'A' })
    const refusal = { code: 'conflict' as const, message: 'taken', handledBy: { agentId: 9, name: 'Rani' }, agent: null }
    const heldBack = { code: 'dataset_changed' as const, message: 'other data', handledBy: null, agent: null }
    const actions = [
      makeOutboxAction(1, { conversationId: 11, state: 'rejected', rejection: refusal, datasetId: 'A' }),
      makeOutboxAction(2, { conversationId: 12, state: 'rejected', rejection: heldBack, datasetId: 'A' }),
    ]
    ;(window.observe as FakeObserve).handlers['outbox:list'] = () => ({ actions })
    const outbox = useOutboxStore()
    await outbox.load()
    await openPanel()
    const notice = () => wrapper.findAll('.notice').find((n) => n.text().includes('Golf Seven'))!
    expect(notice().findAll('button').map((b) => b.text())).toContain('Open')
    expect([...outbox.byConversation.keys()]).toEqual([11, 12])

    // Reseeded: ids 11 and 12 are other customers now.
    workspace.workspace = { ...workspace.workspace, datasetId: 'B' }
    await nextTick()
    expect(notice().findAll('button').map((b) => b.text())).not.toContain('Open')
    expect([...outbox.byConversation.keys()]).toEqual([])
    const lines = wrapper.findAll('.action').map((line) => line.text())
    expect(lines.find((line) => line.includes('Customer 2'))).toContain('Not sent')
    expect(lines.find((line) => line.includes('Customer 1'))).toContain('Refused')
  })
})
