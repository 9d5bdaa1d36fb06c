import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Agent } from '../../shared/domain'
import AssignDialog from '../../renderer/src/components/assign/AssignDialog.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import type { DialogTarget } from '../../renderer/src/stores/assign-dialogs'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { targetChange } from '../../renderer/src/components/assign/target-change'
import { useNotificationsStore } from '../../renderer/src/stores/notifications'
import { ANSWER_LOST, LOST_OBSERVE, NOT_SENT } from '../../renderer/src/api/ws-bridge'
import type { OutboxEnqueueResult } from '../../shared/ipc/outbox'
import { createFakeObserve, deferred, FakeIpcFailure, flush, makeConversation, makeOutboxAction, type FakeObserve } from './support/fake-observe'
import { accessibleName, allByRole, byRole } from './support/roles'
import { workingButton } from './support/working-press'

let fake: FakeObserve

const agent = (id: number, name: string, presence: Agent['presence'], load: number, quota: number): Agent => ({
  id,
  name,
  email: `${name.toLowerCase()}@observe.demo`,
  role: 'agent',
  presence,
  load,
  quota,
})
const AGENTS = [agent(2, 'Zaki', 'offline', 0, 5), agent(3, 'Budi', 'online', 5, 5), agent(4, 'Rani', 'online', 1, 5), agent(5, 'Ayu', 'away', 0, 5)]

beforeEach(() => {
  const pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeObserve({
    'workspace:get': () => ({ agents: AGENTS, labels: [], channels: [], me: null, datasetId: null }),
    'outbox:assign': () => ({ actions: [], skipped: [] }),
  })
  window.observe = fake
})

afterEach(() => {
  delete window.observe
})

async function open() {
  await useWorkspaceStore().load()
  const wrapper = mount(AssignDialog, {
    props: { target: { mode: 'assign', conversationIds: [11], customerName: 'Sari', currentAgentId: null } },
    global: { plugins: [createAppI18n('en')] },
    attachTo: document.body,
  })
  await flush()
  return wrapper
}

/** A row of the conversation list as the dialog looks for it; tabIndex 0 makes it the list's tab stop. */
function listRow(id: number, tabIndex: number): HTMLElement {
  const row = document.createElement('div')
  row.setAttribute('role', 'row')
  row.dataset.id = String(id)
  row.tabIndex = tabIndex
  return row
}

/** Opens the dialog from `opener`, takes the opener off the page, as an assignment does, and closes the dialog. */
async function closeWithOpenerGone(opener: HTMLElement): Promise<void> {
  opener.focus()
  const wrapper = await open()
  opener.remove()
  wrapper.unmount()
}

describe('the assign dialog', () => {
  it('is a modal named "Assign to agent" that lists online agents first, holds back full ones unless overridden and offline ones always', async () => {
    const wrapper = await open()
    const dialog = wrapper.get('[role="dialog"]')
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(wrapper.get(`#${dialog.attributes('aria-labelledby')}`).text()).toBe('Assign to agent')
    const names = wrapper.findAll('.agent .name').map((n) => n.text())
    expect(names).toEqual(['Rani', 'Budi', 'Ayu', 'Zaki'])
    const radio = (name: string) => wrapper.findAll('.agent').find((row) => row.text().includes(name))!.get('input')
    expect(radio('Zaki').attributes('disabled')).toBeDefined()
    expect(radio('Budi').attributes('disabled')).toBeDefined()
    expect(radio('Rani').attributes('disabled')).toBeUndefined()
    expect(wrapper.get('.override').text()).toBe('Allow agents at their quota')
    await wrapper.get('.override input').setValue(true)
    expect(radio('Budi').attributes('disabled')).toBeUndefined()
    // The Interaction API refuses an offline agent whatever the override says.
    expect(radio('Zaki').attributes('disabled')).toBeDefined()
    // Its buttons' row is no <footer>: screen readers would list it as the page's footer landmark.
    expect(wrapper.get('[role="dialog"]').find('footer').exists()).toBe(false)
    wrapper.unmount()
  })

  it('counts the assignments queued for an agent and not yet applied: full once they fill the quota, and says when only some of the chats fit', async () => {
    // Four chats on their way to Rani (1 of 5), three to Ayu (0 of 5).
    const queued = [1, 2, 3, 4].map((id) => makeOutboxAction(id, { agentId: 4 })).concat([5, 6, 7].map((id) => makeOutboxAction(id, { agentId: 5 })))
    fake = createFakeObserve({
      'workspace:get': () => ({ agents: AGENTS, labels: [], channels: [], me: null, datasetId: null }),
      'outbox:list': () => ({ actions: queued }),
    })
    window.observe = fake
    await useOutboxStore().load()
    await useWorkspaceStore().load()
    const wrapper = mount(AssignDialog, {
      props: { target: { mode: 'assign', conversationIds: [11, 12, 13], customerName: null, currentAgentId: null } },
      global: { plugins: [createAppI18n('en')] },
      attachTo: document.body,
    })
    await flush()
    const row = (name: string) => wrapper.findAll('.agent').find((r) => r.text().includes(name))!
    expect(row('Rani').get('.load').text()).toBe('5 of 5 chats · 4 pending')
    expect(row('Rani').get('.flag').text()).toBe('Full')
    expect(row('Rani').get('input').attributes('disabled')).toBeDefined()
    // Room for two of the three: the third would be refused.
    expect(row('Ayu').get('.flag').text()).toBe('Room for 2')
    expect(row('Ayu').get('input').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('words an offline agent for several chats as for one: no room told, since the server refuses them any', async () => {
    await useWorkspaceStore().load()
    const worded = async (conversationIds: number[]) => {
      const wrapper = mount(AssignDialog, {
        props: { target: { mode: 'assign', conversationIds, customerName: conversationIds.length === 1 ? 'Sari' : null, currentAgentId: null } },
        global: { plugins: [createAppI18n('en')] },
        attachTo: document.body,
      })
      await flush()
      const radio = byRole(wrapper, 'radio', /^Zaki/)
      const words = { name: accessibleName(radio.element), disabled: radio.attributes('disabled') !== undefined }
      wrapper.unmount()
      return words
    }
    const forOne = await worded([11])
    expect(forOne.disabled).toBe(true)
    expect(forOne.name).toMatch(/Offline.*0 of 5 chats$/)
    // Zaki's quota leaves room for 5 of these 6, but offline he takes none of them.
    expect(await worded([11, 12, 13, 14, 15, 16])).toEqual(forOne)
  })

  it('searches by name, assigns with the override when chosen, and closes on Esc', async () => {
    const wrapper = await open()
    await wrapper.get('input[type="search"]').setValue('bud')
    expect(wrapper.findAll('.agent .name').map((n) => n.text())).toEqual(['Budi'])
    await wrapper.get('.override input').setValue(true)
    await wrapper.get('.agent input').setValue(true)
    await wrapper.get('.primary').trigger('click')
    await flush()
    expect(fake.calls.find((c) => c.channel === 'outbox:assign')?.input).toEqual({ conversationIds: [11], agentId: 3, overrideQuota: true, dataset: null })
    expect(wrapper.emitted('close')).toHaveLength(1)
    await wrapper.get('[role="dialog"]').trigger('keydown', { key: 'Escape' })
    expect(wrapper.emitted('close')).toHaveLength(2)
    wrapper.unmount()
  })

  it('warns when the chosen agent is away, and lets the assignment go ahead', async () => {
    const wrapper = await open()
    expect(wrapper.get('[role="status"]').text()).toBe('')
    const radio = (name: string) => wrapper.findAll('.agent').find((a) => a.get('.name').text() === name)!.get('input')
    await radio('Ayu').setValue(true)
    expect(wrapper.get('[role="status"]').text()).toBe('Ayu is away and may not answer soon.')
    await radio('Rani').setValue(true)
    expect(wrapper.get('[role="status"]').text()).toBe('')
    await radio('Ayu').setValue(true)
    await wrapper.get('.primary').trigger('click')
    await flush()
    expect(fake.calls.find((c) => c.channel === 'outbox:assign')?.input).toEqual({ conversationIds: [11], agentId: 5, overrideQuota: false, dataset: null })
    wrapper.unmount()
  })

  it('says the chat is already with the agent a transfer search finds, not that no agent matches', async () => {
    await useWorkspaceStore().load()
    const wrapper = mount(AssignDialog, {
      props: { target: { mode: 'transfer', conversationIds: [11], customerName: 'Sari', currentAgentId: 4 } },
      global: { plugins: [createAppI18n('en')] },
      attachTo: document.body,
    })
    await flush()
    await wrapper.get('input[type="search"]').setValue('rani')
    expect(wrapper.findAll('.agent')).toHaveLength(0)
    expect(wrapper.get('.none').text()).toBe('Rani already has this chat.')
    await wrapper.get('input[type="search"]').setValue('nobody')
    expect(wrapper.get('.none').text()).toBe('No agent matches this search.')
    wrapper.unmount()
  })

  it('keeps its order while open, so a reload moving loads leaves the focused radio where it was', async () => {
    const wrapper = await open()
    const radio = (name: string) => wrapper.findAll('.agent').find((row) => row.text().includes(name))!.get('input').element as HTMLInputElement
    radio('Rani').focus()
    expect(document.activeElement).toBe(radio('Rani'))
    const workspace = useWorkspaceStore()
    // Budi frees up and Rani fills up: a fresh sort would put Budi first.
    workspace.workspace = {
      ...workspace.workspace!,
      agents: workspace.workspace!.agents.map((a) => (a.id === 3 ? { ...a, load: 0 } : a.id === 4 ? { ...a, load: 5 } : a)),
    }
    await flush()
    expect(wrapper.findAll('.agent .name').map((n) => n.text())).toEqual(['Rani', 'Budi', 'Ayu', 'Zaki'])
    expect(wrapper.findAll('.agent')[1]!.text()).toContain('0 of 5 chats')
    expect(document.activeElement).toBe(radio('Rani'))
    wrapper.unmount()
  })

  it("gives the focus to the chat's row when the button that opened it is gone", async () => {
    const row = listRow(11, -1)
    const opener = document.createElement('button')
    row.append(opener)
    document.body.append(row)
    await closeWithOpenerGone(opener)
    expect(document.activeElement).toBe(row)
    row.remove()
  })

  it("gives the focus to the list's tab stop when the chat's row has left the list too", async () => {
    const opener = document.createElement('button')
    document.body.append(opener)
    const heir = listRow(12, 0)
    document.body.append(heir)
    await closeWithOpenerGone(opener)
    expect(document.activeElement).toBe(heir)
    heir.remove()
  })

  it('says when the chat it is for was taken meanwhile, and will not assign it then', async () => {
    let chat = makeConversation(11)
    fake.handlers['conversations:get'] = () => ({ conversation: chat, messages: [], messagesCached: true, earlierMessages: 'none' })
    const wrapper = await open()
    const confirm = () => wrapper.findAll('.dialog-actions button').find((b) => b.text() === 'Assign')!
    await wrapper.findAll('.agent').find((row) => row.text().includes('Rani'))!.get('input').setValue(true)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(confirm().attributes('disabled')).toBeUndefined()

    // The live floor moves under the open dialog: Budi picks the chat up.
    chat = makeConversation(11, { status: 'handled', agentId: 3, lastAgentId: 3 })
    fake.emit('cache:changed', { conversationIds: [12], reset: false })
    await flush()
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    fake.emit('cache:changed', { conversationIds: [11], reset: false })
    await flush()
    expect(wrapper.get('[role="alert"]').text()).toBe('Budi has this chat now.')
    expect(confirm().attributes('disabled')).toBeDefined()

    // It left the cache altogether.
    fake.handlers['conversations:get'] = () => {
      throw new FakeIpcFailure({ code: 'not_found', message: 'conversation 11 is not in the cache' })
    }
    fake.emit('cache:changed', { conversationIds: [], reset: true })
    await flush()
    expect(wrapper.get('[role="alert"]').text()).toBe('This chat is no longer in the cache.')
    wrapper.unmount()
  })
})

describe('the assign dialog while Observe has not answered its press', () => {
  const notResponding = { status: 'not_responding' as const, lastSyncedAt: 1, server: 'http://127.0.0.1:1', error: null }
  const online = { status: 'online' as const, lastSyncedAt: 1, server: 'http://127.0.0.1:1', error: null }
  const assignCalls = () => fake.calls.filter((c) => c.channel === 'outbox:assign')

  /** A failure to queue that comes once `given` settles. */
  const failingOn = (given: Promise<void>, message: string) => async (): Promise<OutboxEnqueueResult> => {
    await given
    throw new FakeIpcFailure({ code: 'offline', message })
  }

  /** The dialog with Rani chosen, whose assign calls `answer` settles. */
  async function waitingOn(answer: () => Promise<OutboxEnqueueResult>) {
    fake.handlers['outbox:assign'] = answer
    const wrapper = await open()
    await wrapper.findAll('.agent').find((row) => row.text().includes('Rani'))!.get('input').setValue(true)
    return wrapper
  }

  it('says the press is being worked on, sends it once however often pressed, and says it waits to be sent while Observe is silent', async () => {
    const answer = deferred<OutboxEnqueueResult>()
    const wrapper = await waitingOn(() => answer.promise)
    useConnectionStore().state = notResponding
    await byRole(wrapper, 'button', 'Assign').trigger('click')
    await flush()

    // Pressed again, it does nothing.
    const working = workingButton(wrapper, 'Assigning…')
    await working.trigger('click')
    await flush()
    expect(assignCalls()).toHaveLength(1)
    const status = allByRole(wrapper, 'status').find((s) => s.text().includes('not answering'))
    expect(status?.text()).toBe(
      'Observe is not answering this page, so this has not been sent yet. It goes as soon as Observe answers; if Observe has not answered within 20 seconds, nothing is sent and you can try again. Closing this dialog does not stop it.',
    )
    // Cancel would read as calling the assignment back, which closing does not do.
    expect(allByRole(wrapper, 'button', 'Cancel')).toHaveLength(0)
    byRole(wrapper, 'button', 'Close')

    // Observe answers: the assignment is queued and the dialog closes.
    useConnectionStore().state = online
    answer.resolve({ actions: [makeOutboxAction(1, { conversationId: 11, agentId: 4 })], skipped: [] })
    await flush()
    expect(wrapper.emitted('close')).toHaveLength(1)
    expect(byRole(wrapper, 'button', 'Assign').attributes('aria-busy')).toBeUndefined()
    wrapper.unmount()
  })

  it('says a press sent before Observe fell silent is queued once it answers', async () => {
    const answer = deferred<OutboxEnqueueResult>()
    const wrapper = await waitingOn(() => answer.promise)
    useConnectionStore().state = online
    await byRole(wrapper, 'button', 'Assign').trigger('click')
    await flush()
    expect(allByRole(wrapper, 'status').some((s) => s.text().includes('not answering'))).toBe(false)
    useConnectionStore().state = notResponding
    await flush()
    expect(allByRole(wrapper, 'status').map((s) => s.text())).toContain(
      'Observe is not answering this page. This has been sent to it and is queued as soon as it answers. Closing this dialog does not stop it.',
    )
    answer.resolve({ actions: [], skipped: [] })
    await flush()
    wrapper.unmount()
  })

  it('says plainly that a press given up unsent assigned nothing, with no toast besides, and lets it be pressed again', async () => {
    const given = deferred<void>()
    const wrapper = await waitingOn(failingOn(given.promise, NOT_SENT))
    useConnectionStore().state = { ...online, status: 'offline', error: LOST_OBSERVE }
    await flush()
    // The page has lost Observe itself, which keeps nothing: not the offline server's promise.
    expect(wrapper.text()).not.toContain('Offline:')
    await byRole(wrapper, 'button', 'Assign').trigger('click')
    await flush()
    expect(allByRole(wrapper, 'status').map((s) => s.text())).toContain(
      'Observe is not answering this page, so this has not been sent yet. It goes as soon as Observe answers; if Observe has not answered within 20 seconds, nothing is sent and you can try again. Closing this dialog does not stop it.',
    )
    given.resolve()
    await flush()
    expect(byRole(wrapper, 'alert').text()).toBe('Not assigned: Observe did not answer within 20 seconds, so nothing was sent. You can try again.')
    expect(wrapper.emitted('close')).toBeUndefined()
    expect(useNotificationsStore().toasts).toHaveLength(0)
    const again = byRole(wrapper, 'button', 'Assign')
    expect(again.attributes('disabled')).toBeUndefined()
    expect(again.attributes('aria-busy')).toBeUndefined()

    fake.handlers['outbox:assign'] = () => ({ actions: [], skipped: [] })
    await again.trigger('click')
    await flush()
    expect(assignCalls()).toHaveLength(2)
    expect(wrapper.emitted('close')).toHaveLength(1)
    wrapper.unmount()
  })

  it('leaves the telling to a toast once closed while waiting, and says an answer lost may have been queued', async () => {
    const given = deferred<void>()
    const wrapper = await waitingOn(failingOn(given.promise, NOT_SENT))
    useConnectionStore().state = notResponding
    await byRole(wrapper, 'button', 'Assign').trigger('click')
    await flush()
    wrapper.unmount()
    given.resolve()
    await flush()
    expect(useNotificationsStore().toasts.map((n) => [n.key, n.params])).toEqual([['outbox.notice.notSent', { seconds: 20 }]])

    const lost = await waitingOn(failingOn(Promise.resolve(), ANSWER_LOST))
    await byRole(lost, 'button', 'Assign').trigger('click')
    await flush()
    expect(byRole(lost, 'alert').text()).toBe('The connection to Observe was lost before it answered, so this may have been queued. Check the chat before trying again.')
    lost.unmount()
  })

  it('says it in Bahasa Indonesia too', async () => {
    await useWorkspaceStore().load()
    const wrapper = mount(AssignDialog, {
      props: { target: { mode: 'transfer', conversationIds: [11], customerName: 'Sari', currentAgentId: 3 } },
      global: { plugins: [createAppI18n('id')] },
      attachTo: document.body,
    })
    await flush()
    // Never answered: Observe stays silent.
    fake.handlers['outbox:transfer'] = () => new Promise<OutboxEnqueueResult>(() => {})
    await wrapper.findAll('.agent').find((row) => row.text().includes('Rani'))!.get('input').setValue(true)
    useConnectionStore().state = notResponding
    await byRole(wrapper, 'button', 'Alihkan').trigger('click')
    await flush()
    workingButton(wrapper, 'Mengalihkan…')
    byRole(wrapper, 'button', 'Tutup')
    expect(allByRole(wrapper, 'status').map((s) => s.text())).toContain(
      'Observe tidak merespons halaman ini, jadi tindakan ini belum dikirim. Tindakan dikirim begitu Observe merespons; jika Observe belum merespons dalam 20 detik, tidak ada yang dikirim dan Anda dapat mencoba lagi. Menutup dialog ini tidak menghentikannya.',
    )
    wrapper.unmount()
  })
})

describe('what a change to the chat means for an open dialog', () => {
  const assign: DialogTarget = { mode: 'assign', conversationIds: [11], customerName: 'Sari', currentAgentId: null }
  const transfer: DialogTarget = { mode: 'transfer', conversationIds: [11], customerName: 'Sari', currentAgentId: 4 }

  it('a transfer fits while the agent it was opened for still has the chat', () => {
    expect(targetChange(transfer, makeConversation(11, { status: 'handled', agentId: 4 }))).toBeNull()
    expect(targetChange(transfer, makeConversation(11, { status: 'handled', agentId: 3 }))).toEqual({ kind: 'taken', agentId: 3 })
    expect(targetChange(transfer, makeConversation(11, { status: 'in_queue', agentId: null }))).toEqual({ kind: 'requeued' })
    expect(targetChange(transfer, makeConversation(11, { status: 'resolved', agentId: null }))).toEqual({ kind: 'resolved' })
    expect(targetChange(transfer, null)).toEqual({ kind: 'gone' })
  })

  it('an assignment fits while the chat waits in the queue', () => {
    expect(targetChange(assign, makeConversation(11))).toBeNull()
    expect(targetChange(assign, makeConversation(11, { status: 'handled', agentId: 3 }))).toEqual({ kind: 'taken', agentId: 3 })
    expect(targetChange(assign, makeConversation(11, { status: 'resolved', agentId: null }))).toEqual({ kind: 'resolved' })
  })

  it('says, while offline, that the action waits here and that presence and loads are as last synced', async () => {
    const wrapper = await open()
    expect(wrapper.text()).not.toContain('Offline:')
    useConnectionStore().state = { status: 'offline', lastSyncedAt: 1, server: 'http://127.0.0.1:1', error: 'no answer' }
    await flush()
    expect(wrapper.get('[role="dialog"]').text()).toContain('Offline: this is kept here and sent once Observe is back online. Presence and loads are as last synced.')
    wrapper.unmount()
  })
})
