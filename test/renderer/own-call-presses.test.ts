/**
 * Every press that queues an assignment, outside the Assign dialog too (Assign to me in the detail,
 * Assign selected to me in the bulk bar, Spread the queue…), shows that its call works, sends it
 * once however often pressed, and says what it waits for while Observe is silent.
 */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Agent } from '../../shared/domain'
import type { OutboxEnqueueResult } from '../../shared/ipc/outbox'
import BulkBar from '../../renderer/src/components/assign/BulkBar.vue'
import DetailActions from '../../renderer/src/components/assign/DetailActions.vue'
import SpreadDialog from '../../renderer/src/components/assign/SpreadDialog.vue'
import { ANSWER_LOST, LOST_OBSERVE, NOT_SENT } from '../../renderer/src/api/ws-bridge'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { useNotificationsStore } from '../../renderer/src/stores/notifications'
import { useAssignDialogsStore } from '../../renderer/src/stores/assign-dialogs'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { usePicksStore } from '../../renderer/src/stores/picks'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { createFakeObserve, deferred, FakeIpcFailure, flush, makeConversation, makeOutboxAction, type FakeObserve } from './support/fake-observe'
import { allByRole, byRole } from './support/roles'
import { workingButton } from './support/working-press'

const ME: Agent = { id: 1, name: 'Sari', email: 'sari@observe.demo', role: 'supervisor', presence: 'online', load: 0, quota: 5 }
const notResponding = { status: 'not_responding' as const, lastSyncedAt: 1, server: 'http://127.0.0.1:1', error: null }
const online = { status: 'online' as const, lastSyncedAt: 1, server: 'http://127.0.0.1:1', error: null }
const HELD =
  'Observe is not answering this page, so this has not been sent yet. It goes as soon as Observe answers; if Observe has not answered within 20 seconds, nothing is sent and you can try again. Closing this dialog does not stop it.'

let fake: FakeObserve
const calls = (channel: string) => fake.calls.filter((c) => c.channel === channel)
const failing = (message: string) => (): Promise<OutboxEnqueueResult> => Promise.reject(new FakeIpcFailure({ code: 'offline', message }))
const toasts = () => useNotificationsStore().toasts.map((n) => [n.key, n.params])

beforeEach(async () => {
  setActivePinia(createPinia())
  fake = createFakeObserve({
    'workspace:get': () => ({ agents: [ME], labels: [], channels: [], me: ME, datasetId: null }),
    'conversations:list': () => ({ rows: [], nextCursor: null }),
    'outbox:planSpread': () => ({ assignments: [{ conversationId: 11, agentId: 1, customerName: 'Ayu' }], waiting: 1 }),
  })
  window.observe = fake
  await useWorkspaceStore().load()
})
afterEach(() => {
  delete window.observe
})

describe("the detail's Assign to me", () => {
  const mountActions = (locale: 'en' | 'id' = 'en') =>
    mount(DetailActions, { props: { conversation: makeConversation(11) }, global: { plugins: [createAppI18n(locale)] }, attachTo: document.body })

  it('says it is assigning, sends once however often pressed, and says briefly why it waits while Observe is silent', async () => {
    const answer = deferred<OutboxEnqueueResult>()
    fake.handlers['outbox:assign'] = () => answer.promise
    const wrapper = mountActions()
    useConnectionStore().state = notResponding
    await byRole(wrapper, 'button', 'Assign to me').trigger('click')
    await flush()

    const working = workingButton(wrapper, 'Assigning…')
    await working.trigger('click')
    await flush()
    expect(calls('outbox:assign')).toHaveLength(1)
    expect(byRole(wrapper, 'status').text()).toBe('Observe is not answering: not sent yet. If it stays silent 20 seconds, nothing is sent.')

    answer.resolve({ actions: [], skipped: [] })
    await flush()
    expect(byRole(wrapper, 'button', 'Assign to me').attributes('aria-busy')).toBeUndefined()
    expect(byRole(wrapper, 'status').text()).toBe('')
    wrapper.unmount()
  })

  it('says in a toast that a press never sent assigned nothing, having sent it once, and lets it be pressed again', async () => {
    const given = deferred<void>()
    fake.handlers['outbox:assign'] = async () => {
      await given.promise
      throw new FakeIpcFailure({ code: 'offline', message: NOT_SENT })
    }
    const wrapper = mountActions()
    await byRole(wrapper, 'button', 'Assign to me').trigger('click')
    await flush()
    await byRole(wrapper, 'button', 'Assigning…').trigger('click')
    given.resolve()
    await flush()
    expect(calls('outbox:assign')).toHaveLength(1)
    expect(toasts()).toEqual([['outbox.notice.notSent', { seconds: 20 }]])
    fake.handlers['outbox:assign'] = () => ({ actions: [], skipped: [] })
    await byRole(wrapper, 'button', 'Assign to me').trigger('click')
    await flush()
    expect(calls('outbox:assign')).toHaveLength(2)
    wrapper.unmount()
  })

  it('says it in Bahasa Indonesia too', async () => {
    fake.handlers['outbox:assign'] = () => new Promise<OutboxEnqueueResult>(() => {})
    const wrapper = mountActions('id')
    await byRole(wrapper, 'button', 'Tugaskan ke saya').trigger('click')
    await flush()
    useConnectionStore().state = notResponding
    await flush()
    workingButton(wrapper, 'Menugaskan…')
    expect(byRole(wrapper, 'status').text()).toBe('Observe tidak merespons: sudah dikirim ke Observe, dicatat begitu Observe merespons.')
    wrapper.unmount()
  })
})

describe("the detail's assigning buttons while the chat's assignment is queued", () => {
  const cases = [
    { locale: 'en', toMe: 'Assign to me', toAgent: 'Assign to agent', note: 'Its assignment is already queued: it goes to the server as soon as it can.' },
    { locale: 'id', toMe: 'Tugaskan ke saya', toAgent: 'Tugaskan ke agen', note: 'Penugasannya sudah menunggu dikirim: akan dikirim ke server secepatnya.' },
  ] as const

  for (const { locale, toMe, toAgent, note } of cases) {
    it(`wait, say why, and queue no second assignment until the panel reads the chat again (${locale})`, async () => {
      const queued = makeOutboxAction(1, { conversationId: 11, agentId: ME.id })
      fake.handlers['outbox:assign'] = () => ({ actions: [queued], skipped: [] })
      // The chat as the panel last read it: still in the queue, until it reads the optimistic change.
      const wrapper = mount(DetailActions, { props: { conversation: makeConversation(11) }, global: { plugins: [createAppI18n(locale)] }, attachTo: document.body })
      await byRole(wrapper, 'button', toMe).trigger('click')
      await flush()

      for (const name of [toMe, toAgent]) {
        const button = byRole(wrapper, 'button', name)
        expect(button.attributes('aria-disabled')).toBe('true')
        expect(button.attributes('aria-busy')).toBeUndefined()
        expect(button.attributes('disabled')).toBeUndefined()
        expect(document.getElementById(button.attributes('aria-describedby')!)?.textContent?.trim()).toBe(note)
        await button.trigger('click')
        await flush()
      }
      expect(byRole(wrapper, 'status').text()).toBe(note)
      expect(calls('outbox:assign')).toHaveLength(1)
      expect(useAssignDialogsStore().dialog).toBeNull()

      // Cancelled from Pending actions: the chat can be assigned again.
      fake.handlers['outbox:list'] = () => ({ actions: [] })
      await useOutboxStore().load()
      await flush()
      expect(byRole(wrapper, 'button', toMe).attributes('aria-disabled')).toBeUndefined()
      expect(byRole(wrapper, 'status').text()).toBe('')
      wrapper.unmount()
    })
  }
})

describe("the bulk bar's Assign selected to me", () => {
  it('says it is assigning and sends the pick once however often pressed', async () => {
    const answer = deferred<OutboxEnqueueResult>()
    fake.handlers['outbox:assign'] = () => answer.promise
    const wrapper = mount(BulkBar, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    for (const id of [11, 12]) usePicksStore().toggleSelected(id, `Customer ${id}`, true)
    await useConversationsStore().setTab('in_queue')
    await flush()
    await byRole(wrapper, 'button', 'Assign selected to me').trigger('click')
    await flush()
    const working = workingButton(wrapper, 'Assigning…')
    await working.trigger('click')
    await flush()
    expect(calls('outbox:assign')).toHaveLength(1)
    expect(calls('outbox:assign')[0]!.input).toMatchObject({ conversationIds: [11, 12], agentId: 1 })
    answer.resolve({ actions: [], skipped: [] })
    await flush()
    expect(allByRole(wrapper, 'button', 'Assigning…')).toHaveLength(0)
    wrapper.unmount()
  })

  /** Each of the bar's other actions, found by name while the press beside it works: it waits too, still focusable. */
  const waitingButton = (wrapper: ReturnType<typeof mount>, name: string) => {
    const button = byRole(wrapper, 'button', name)
    expect(button.attributes('aria-disabled')).toBe('true')
    expect(button.attributes('disabled')).toBeUndefined()
    return button
  }

  const cases = [
    { locale: 'en', toMe: 'Assign selected to me', working: 'Assigning…', others: ['Assign selected…', 'Spread selected…', 'Clear selection'], count: '2 selected' },
    { locale: 'id', toMe: 'Tugaskan yang dipilih ke saya', working: 'Menugaskan…', others: ['Tugaskan yang dipilih…', 'Distribusikan yang dipilih…', 'Hapus pilihan'], count: '2 dipilih' },
  ] as const

  for (const { locale, toMe, working, others, count } of cases) {
    it(`keeps the picks the call was sent with while it waits: the other bulk actions wait too (${locale})`, async () => {
      const answer = deferred<OutboxEnqueueResult>()
      fake.handlers['outbox:assign'] = () => answer.promise
      const wrapper = mount(BulkBar, { global: { plugins: [createAppI18n(locale)] }, attachTo: document.body })
      const picks = usePicksStore()
      for (const id of [11, 12]) picks.toggleSelected(id, `Customer ${id}`, true)
      await useConversationsStore().setTab('in_queue')
      await flush()
      await byRole(wrapper, 'button', toMe).trigger('click')
      await flush()
      workingButton(wrapper, working)

      for (const name of others) {
        const button = waitingButton(wrapper, name)
        ;(button.element as HTMLElement).focus()
        expect(document.activeElement).toBe(button.element)
        await button.trigger('click')
        await flush()
      }
      expect(useAssignDialogsStore().dialog).toBeNull()
      expect(useAssignDialogsStore().spreadFor).toBeNull()
      expect([...picks.selection]).toEqual([11, 12])
      expect(byRole(wrapper, 'status').text()).toBe(count)

      answer.resolve({ actions: [], skipped: [] })
      await flush()
      // The chats sent leave the pick, and the bar with them; a new pick finds its actions ready again.
      expect([...picks.selection]).toEqual([])
      picks.toggleSelected(13, 'Customer 13', true)
      await flush()
      for (const name of others) expect(byRole(wrapper, 'button', name).attributes('aria-disabled')).toBeUndefined()
      wrapper.unmount()
    })
  }
})

describe('the Spread dialog', () => {
  const open = async (locale: 'en' | 'id' = 'en') => {
    const wrapper = mount(SpreadDialog, { props: { target: { filters: {} } }, global: { plugins: [createAppI18n(locale)] }, attachTo: document.body })
    await flush()
    return wrapper
  }

  it('says it is assigning, sends the plan once however often pressed, and says it waits to be sent while Observe is silent', async () => {
    const answer = deferred<OutboxEnqueueResult>()
    fake.handlers['outbox:spread'] = () => answer.promise
    const wrapper = await open()
    useConnectionStore().state = notResponding
    await byRole(wrapper, 'button', 'Assign one chat').trigger('click')
    await flush()

    const working = workingButton(wrapper, 'Assigning…')
    await working.trigger('click')
    await flush()
    expect(calls('outbox:spread')).toHaveLength(1)
    expect(allByRole(wrapper, 'status').map((s) => s.text())).toContain(HELD)
    // Closing does not call the spread back: not Cancel then.
    expect(allByRole(wrapper, 'button', 'Cancel')).toHaveLength(0)
    byRole(wrapper, 'button', 'Close')

    useConnectionStore().state = online
    answer.resolve({ actions: [], skipped: [] })
    await flush()
    expect(wrapper.emitted('close')).toHaveLength(1)
    wrapper.unmount()
  })

  it('does not promise to keep the assignments when the page has lost Observe itself, and says plainly a press never sent assigned nothing', async () => {
    fake.handlers['outbox:spread'] = failing(NOT_SENT)
    const wrapper = await open()
    // Only the server out of reach: Observe keeps the assignments, as the note says.
    useConnectionStore().state = { ...online, status: 'offline', error: 'no answer' }
    await flush()
    expect(wrapper.text()).toContain('Offline: the assignments are kept here and sent once Observe is back online.')
    useConnectionStore().state = { ...online, status: 'offline', error: LOST_OBSERVE }
    await flush()
    expect(wrapper.text()).not.toContain('Offline:')
    await byRole(wrapper, 'button', 'Assign one chat').trigger('click')
    await flush()
    expect(byRole(wrapper, 'alert').text()).toBe('Not assigned: Observe did not answer within 20 seconds, so nothing was sent. You can try again.')
    expect(wrapper.emitted('close')).toBeUndefined()
    expect(toasts()).toEqual([])

    fake.handlers['outbox:spread'] = failing(ANSWER_LOST)
    await byRole(wrapper, 'button', 'Assign one chat').trigger('click')
    await flush()
    expect(byRole(wrapper, 'alert').text()).toBe('The connection to Observe was lost before it answered, so this may have been queued. Check the chat before trying again.')
    expect(calls('outbox:spread')).toHaveLength(2)
    wrapper.unmount()
  })

  it('says it in Bahasa Indonesia too', async () => {
    fake.handlers['outbox:spread'] = () => new Promise<OutboxEnqueueResult>(() => {})
    const wrapper = await open('id')
    useConnectionStore().state = notResponding
    await byRole(wrapper, 'button', 'Tugaskan 1 chat').trigger('click')
    await flush()
    workingButton(wrapper, 'Menugaskan…')
    byRole(wrapper, 'button', 'Tutup')
    expect(allByRole(wrapper, 'status').map((s) => s.text())).toContain(
      'Observe tidak merespons halaman ini, jadi tindakan ini belum dikirim. Tindakan dikirim begitu Observe merespons; jika Observe belum merespons dalam 20 detik, tidak ada yang dikirim dan Anda dapat mencoba lagi. Menutup dialog ini tidak menghentikannya.',
    )
    wrapper.unmount()
  })
})
