import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Agent } from '../../shared/domain'
import type { OutboxAction } from '../../shared/ipc/outbox'
import SpreadStrip from '../../renderer/src/components/assign/SpreadStrip.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { useAssignDialogsStore } from '../../renderer/src/stores/assign-dialogs'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { createFakeObserve, flush, makeAgent as agent, makeOutboxAction, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve
const pending = (id: number, agentId: number): OutboxAction => makeOutboxAction(id, { agentId })

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeObserve({ 'outbox:list': () => ({ actions: [] }) })
  window.observe = fake
})
afterEach(() => {
  useWorkspaceStore().stop()
  delete window.observe
})

async function mountStrip(agents: Agent[], actions: OutboxAction[], waiting: number, locale: 'en' | 'id' = 'en', attachTo?: HTMLElement) {
  fake.handlers['workspace:get'] = () => ({ agents, labels: [], channels: [], me: null, datasetId: null })
  fake.handlers['outbox:list'] = () => ({ actions })
  await useWorkspaceStore().load()
  await useOutboxStore().load()
  const wrapper = mount(SpreadStrip, { props: { waiting }, global: { plugins: [createAppI18n(locale)] }, attachTo })
  await flush()
  return wrapper
}

describe('the room on the floor over In Queue', () => {
  it('counts the free places of online agents, less the chats already on their way to them', async () => {
    const floor = [agent(1, 2, 5), agent(2, 0, 4), agent(3, 0, 9, { presence: 'away' }), agent(4, 0, 9, { role: 'supervisor' })]
    const wrapper = await mountStrip(floor, [pending(1, 2), pending(2, 2)], 3)
    expect(wrapper.find('.room').text()).toBe('Room for 5 more chats, with 2 online agents')
    expect(wrapper.get('button').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('says so when nobody online has room, and offers nothing to spread', async () => {
    const wrapper = await mountStrip([agent(1, 3, 3), agent(2, 0, 3, { presence: 'offline' })], [], 4)
    expect(wrapper.find('.room').text()).toBe('No online agent has room for another chat')
    expect(wrapper.get('button').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('says, before the first sync, that agents and their room are not known yet, rather than that nobody has room', async () => {
    useConnectionStore().state = { status: 'syncing', lastSyncedAt: null, server: 'https://oca.example', error: null }
    const wrapper = await mountStrip([], [], 0)
    expect(wrapper.find('.room').text()).toBe('Agents and their loads come with the first sync')
    wrapper.unmount()
  })

  it('offers nothing to spread while nobody waits', async () => {
    const wrapper = await mountStrip([agent(1, 0, 3)], [], 0, 'id')
    expect(wrapper.find('.room').text()).toBe('Masih ada kapasitas untuk 3 chat lagi, pada 1 agen online')
    expect(wrapper.get('button').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('opens the plan for the filters on the page', async () => {
    const wrapper = await mountStrip([agent(1, 0, 3)], [], 2)
    await wrapper.get('button').trigger('click')
    expect(useAssignDialogsStore().spreadFor).toEqual({ filters: {} })
    wrapper.unmount()
  })

  it("hands the keyboard to the list when the Spread button under it turns disabled (the spread took every waiting chat), not to the page's body", async () => {
    const panel = document.createElement('div')
    panel.id = 'conversations-panel'
    panel.tabIndex = -1
    document.body.append(panel)
    const wrapper = await mountStrip([agent(1, 0, 3)], [], 2, 'en', panel)
    const button = wrapper.get('button')
    ;(button.element as HTMLElement).focus()
    await wrapper.setProps({ waiting: 0 })
    await flush()
    expect(button.attributes('disabled')).toBeDefined()
    expect(document.activeElement).toBe(panel)
    wrapper.unmount()
    panel.remove()
  })

  it('follows the floor: when the cache says agents changed, the room is read again', async () => {
    const wrapper = await mountStrip([agent(1, 0, 3), agent(2, 1, 3)], [], 2)
    useWorkspaceStore().start()
    expect(wrapper.find('.room').text()).toBe('Room for 5 more chats, with 2 online agents')
    fake.handlers['workspace:get'] = () => ({ agents: [agent(1, 3, 3), agent(2, 1, 3, { presence: 'away' })], labels: [], channels: [], me: null, datasetId: null })
    fake.emit('workspace:changed', {})
    await flush()
    expect(wrapper.find('.room').text()).toBe('No online agent has room for another chat')
    wrapper.unmount()
  })
})
