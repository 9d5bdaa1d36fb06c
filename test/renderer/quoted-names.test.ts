/**
 * A customer's name carrying a bidi override (U+202E) must not turn the app's own words around it:
 * on the page each name sits in a <bdi>, and tooltips take it as one plain line.
 */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import OutboxMark from '../../renderer/src/components/assign/OutboxMark.vue'
import SpreadDialog from '../../renderer/src/components/assign/SpreadDialog.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { createFakeObserve, flush, makeAgent, makeOutboxAction, type FakeObserve } from './support/fake-observe'

const HOSTILE = 'Budi \u202Eknil siht nepo'
const STEERING = /[\u202a-\u202e\u2066-\u2069]/

let fake: FakeObserve
beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeObserve()
  window.observe = fake
  useWorkspaceStore().workspace = { agents: [makeAgent(7, 1, 5, { name: 'Rani' }), makeAgent(8, 0, 5, { name: 'Dimas' })], labels: [], channels: [], me: null, datasetId: null }
})
afterEach(() => {
  document.body.innerHTML = ''
  delete window.observe
})

describe('names the app quotes', () => {
  it("in a refusal's line on the chat: in a <bdi>, and plain in its tooltip", async () => {
    const refusal = { code: 'conflict' as const, message: 'taken', handledBy: { agentId: 9, name: 'Kusuma' }, agent: null }
    fake.handlers['outbox:list'] = () => ({ actions: [makeOutboxAction(1, { conversationId: 5, customerName: HOSTILE, state: 'rejected', rejection: refusal })] })
    await useOutboxStore().load()
    const mark = mount(OutboxMark, { props: { conversationId: 5 }, global: { plugins: [createAppI18n('en')] } })
    const reason = mark.get('.reason')
    expect(reason.text()).toBe(`${HOSTILE} is already handled by Kusuma`)
    expect(reason.findAll('bdi').map((b) => b.text())).toEqual([HOSTILE, 'Kusuma'])
    expect(mark.get('.mark').attributes('title')).toBe('Budi knil siht nepo is already handled by Kusuma')
    expect(mark.get('.mark').attributes('title')).not.toMatch(STEERING)
    mark.unmount()
  })

  it("in the spread's plan, each name on its own, so one cannot turn the names after it around", async () => {
    fake.handlers['outbox:planSpread'] = () => ({
      assignments: [
        { conversationId: 1, agentId: 8, customerName: HOSTILE },
        { conversationId: 2, agentId: 8, customerName: 'Ayu' },
      ],
      waiting: 2,
    })
    const dialog = mount(SpreadDialog, { props: { target: { filters: {} } }, global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    await flush()
    const who = dialog.get('.who')
    expect(who.findAll('bdi').map((b) => b.text())).toEqual([HOSTILE, 'Ayu'])
    expect(who.attributes('title')).toBe('Budi knil siht nepo, Ayu')
    dialog.unmount()
  })
})
