import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, watch } from 'vue'
import OutboxMark from '../../renderer/src/components/assign/OutboxMark.vue'
import OutboxPanel from '../../renderer/src/components/assign/OutboxPanel.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { useDetailStore } from '../../renderer/src/stores/detail'
import { useNotificationsStore } from '../../renderer/src/stores/notifications'
import { useAssignDialogsStore } from '../../renderer/src/stores/assign-dialogs'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { usePicksStore } from '../../renderer/src/stores/picks'
import { leftOutNotice, reasonKey } from '../../renderer/src/stores/outbox-notices'
import { OUTCOME_HOLD_MS, OUTCOME_SETTLE_MS } from '../../renderer/src/stores/outbox-telling'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import type { OutboxAction } from '../../shared/ipc/outbox'
import { createFakeObserve, FakeIpcFailure, flush, makeAgent, makeOutboxAction, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve

beforeEach(() => {
  // Outcomes are told once a burst settles (OUTCOME_SETTLE_MS): the tests say when it has.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  setActivePinia(createPinia())
  fake = createFakeObserve()
  window.observe = fake
})

afterEach(() => {
  useOutboxStore().stop()
  vi.useRealTimers()
  delete window.observe
})

const action = makeOutboxAction
/** The outcomes that came in so far have settled: they are told. */
const settled = (): void => void vi.advanceTimersByTime(OUTCOME_SETTLE_MS)

describe('outbox store', () => {
  it('queues a bulk assignment, marks the rows pending and clears them from the selection', async () => {
    fake.handlers['outbox:assign'] = ({ conversationIds }) => ({
      actions: conversationIds.map((id, i) => action(i + 1, { conversationId: id })),
      skipped: [],
    })
    const store = useOutboxStore()
    const picks = usePicksStore()
    picks.toggleSelected(101, 'A', true)
    picks.toggleSelected(102, 'B', true)
    await store.assign([101, 102], 7)
    expect(fake.calls.at(-1)).toEqual({ channel: 'outbox:assign', input: { conversationIds: [101, 102], agentId: 7, overrideQuota: false, dataset: null } })
    expect(store.pending.map((a) => a.conversationId)).toEqual([101, 102])
    expect(store.byConversation.get(101)?.state).toBe('queued')
    expect(picks.selection.size).toBe(0)
    expect(useNotificationsStore().items[0]).toMatchObject({ key: 'outbox.notice.queuedMany', params: { count: 2 } })
  })

  it('puts the first outcome of actions queued together in place of their "queued" toast', async () => {
    fake.handlers['outbox:assign'] = ({ conversationIds }) => ({
      actions: conversationIds.map((id, i) => action(i + 1, { conversationId: id, createdAt: 50 })),
      skipped: [],
    })
    const store = useOutboxStore()
    store.start()
    const notifications = useNotificationsStore()
    const result = await store.assign([101, 102, 103], 7)
    expect(notifications.toasts.map((n) => n.key)).toEqual(['outbox.notice.queuedMany'])
    const [first, second, third] = result!.actions
    fake.emit('outbox:changed', { actions: [{ ...first!, state: 'done', attempts: 1 }] })
    fake.emit('outbox:changed', { actions: [{ ...second!, state: 'done', attempts: 1 }] })
    settled()
    // The third is still on its way (a slow server): told now, the toast would say 2, then 3.
    expect(notifications.toasts.map((n) => n.key)).toEqual(['outbox.notice.queuedMany'])
    vi.advanceTimersByTime(700)
    fake.emit('outbox:changed', { actions: [{ ...third!, state: 'done', attempts: 1 }] })
    settled()
    expect(notifications.toasts.map((n) => [n.key, n.params])).toEqual([['outbox.notice.assignedMany', { count: 3 }]])
    // Still in the list of what happened.
    expect(notifications.items.some((n) => n.key === 'outbox.notice.queuedMany')).toBe(true)
  })

  it('waits for a batch a slow server answers one at a time, and tells it once, whole', async () => {
    const batch = Array.from({ length: 10 }, (_, i) => action(i + 1, { createdAt: 50 }))
    fake.handlers['outbox:list'] = () => ({ actions: batch })
    const store = useOutboxStore()
    store.start()
    await store.load()
    const notifications = useNotificationsStore()
    // What the toasts say at each render.
    const told: string[] = []
    watch(
      () => notifications.toasts.map((n) => `${n.key} ${n.params.count ?? n.params.customer}`).join(),
      (now) => told.push(now),
    )
    // 400 ms apart: more than the settle, and 4 s in all, more than the hold.
    for (const a of batch) {
      vi.advanceTimersByTime(400)
      await nextTick()
      fake.emit('outbox:changed', { actions: [{ ...a, state: 'done', attempts: 1 }] })
    }
    settled()
    await nextTick()
    expect(told).toEqual(['outbox.notice.assignedMany 10'])
  })

  it('tells what a batch has settled after a while all the same, when one of it stays on its way', async () => {
    fake.handlers['outbox:list'] = () => ({ actions: [1, 2, 3].map((id) => action(id, { createdAt: 50 })) })
    const store = useOutboxStore()
    store.start()
    await store.load()
    const notifications = useNotificationsStore()
    fake.emit('outbox:changed', { actions: [{ ...store.list[0]!, state: 'done', attempts: 1 }] })
    fake.emit('outbox:changed', { actions: [{ ...store.list[1]!, state: 'done', attempts: 1 }] })
    vi.advanceTimersByTime(OUTCOME_HOLD_MS - 1)
    expect(notifications.toasts).toEqual([])
    vi.advanceTimersByTime(OUTCOME_SETTLE_MS)
    expect(notifications.toasts.map((n) => [n.key, n.params])).toEqual([['outbox.notice.assignedMany', { count: 2 }]])
    // The last, when it comes, joins the toast.
    fake.emit('outbox:changed', { actions: [{ ...store.list[2]!, state: 'done', attempts: 1 }] })
    settled()
    expect(notifications.toasts.map((n) => [n.key, n.params])).toEqual([['outbox.notice.assignedMany', { count: 3 }]])
  })

  it('announces live outcomes: a success toast, a refusal alert with who has the chat, and the row keeps the reason until dismissed', async () => {
    fake.handlers['outbox:list'] = () => ({ actions: [action(1), action(2)] })
    const store = useOutboxStore()
    store.start()
    await store.load()
    fake.emit('outbox:changed', { actions: [action(1, { state: 'done', attempts: 1 })] })
    const taken = action(2, {
      state: 'rejected',
      attempts: 1,
      rejection: { code: 'conflict', message: 'already handled', handledBy: { agentId: 9, name: 'Rani' }, agent: null },
    })
    fake.emit('outbox:changed', { actions: [taken] })
    settled()
    const notices = useNotificationsStore().items
    expect(notices.map((n) => [n.tone, n.key])).toEqual([
      ['error', 'outbox.reason.conflict'],
      ['success', 'outbox.notice.assigned'],
    ])
    expect(notices[0]!.params).toMatchObject({ customer: 'Customer 2', handler: 'Rani' })
    // Each outcome leads to its chat, from its toast and from the list.
    expect(notices.map((n) => n.action)).toEqual([
      { kind: 'openConversation', id: 102, dataset: null },
      { kind: 'openConversation', id: 101, dataset: null },
    ])
    expect(store.byConversation.has(101)).toBe(false)
    expect(store.byConversation.get(102)?.state).toBe('rejected')

    fake.handlers['outbox:dismiss'] = ({ id }) => ({ ...taken, id, dismissed: true })
    await store.dismiss(2)
    expect(store.byConversation.has(102)).toBe(false)
    // Its refusal toast goes with it (errors never fade on their own); the list keeps the notice.
    expect(useNotificationsStore().toasts.map((n) => n.key)).not.toContain('outbox.reason.conflict')
    expect(useNotificationsStore().items.map((n) => n.key)).toContain('outbox.reason.conflict')
  })

  it('tells no refusal dismissed before its burst settled: its toast, an error, stayed until closed by hand', async () => {
    fake.handlers['outbox:list'] = () => ({ actions: [action(2)] })
    const store = useOutboxStore()
    store.start()
    await store.load()
    const taken = action(2, { state: 'rejected', attempts: 1, rejection: { code: 'conflict', message: 'already handled', handledBy: { agentId: 9, name: 'Rani' }, agent: null } })
    fake.emit('outbox:changed', { actions: [taken] })
    // Dismissed from its row, or in another tab, within the moment the burst is given to settle.
    fake.emit('outbox:changed', { actions: [{ ...taken, dismissed: true }] })
    settled()
    expect(useNotificationsStore().toasts.map((n) => n.key)).not.toContain('outbox.reason.conflict')
    expect(store.byConversation.has(102)).toBe(false)
  })

  it('tells the outcomes of a burst once it settles: the page, and a screen reader, get one update instead of one per outcome', async () => {
    const batch = [1, 2, 3].map((id) => action(id, { createdAt: 50 }))
    fake.handlers['outbox:list'] = () => ({ actions: batch })
    const store = useOutboxStore()
    store.start()
    await store.load()
    const notifications = useNotificationsStore()
    // What the toasts say at each render.
    const shown: string[] = []
    watch(
      () => notifications.toasts.map((n) => `${n.key} ${n.params.count ?? n.params.customer}`).join(),
      (now) => shown.push(now),
    )
    for (const a of batch) {
      fake.emit('outbox:changed', { actions: [{ ...a, state: 'done', attempts: 1 }] })
      await nextTick()
    }
    expect(shown).toEqual([])
    // The rows follow each outcome at once.
    expect(store.byConversation.size).toBe(0)
    settled()
    await nextTick()
    expect(shown).toEqual(['outbox.notice.assignedMany 3'])
  })

  it("says \"to you\" for a chat the supervisor assigned or transferred to themself, not their own name", async () => {
    fake.handlers['outbox:list'] = () => ({ actions: [action(1, { agentId: 7 }), action(2, { agentId: 8, createdAt: 60 }), action(3, { agentId: 7, kind: 'transfer', createdAt: 70 })] })
    useWorkspaceStore().workspace = { agents: [makeAgent(7, 0, 5), makeAgent(8, 0, 5)], labels: [], channels: [], me: makeAgent(7, 0, 5, { role: 'supervisor' }), datasetId: null }
    const store = useOutboxStore()
    store.start()
    await store.load()
    for (const id of [1, 2, 3]) fake.emit('outbox:changed', { actions: [{ ...store.list.find((a) => a.id === id)!, state: 'done', attempts: 1 }] })
    settled()
    expect(useNotificationsStore().toasts.map((n) => [n.key, n.params])).toEqual([
      ['outbox.notice.transferredToYou', { customer: 'Customer 3', agent: 'Agent 7' }],
      ['outbox.notice.assigned', { customer: 'Customer 2', agent: 'Agent 8' }],
      ['outbox.notice.assignedToYou', { customer: 'Customer 1', agent: 'Agent 7' }],
    ])
  })

  it('says actions held back because the server now holds other data were not sent, not refused', async () => {
    const batch = [1, 2, 3].map((id) => action(id, { createdAt: 50 }))
    fake.handlers['outbox:list'] = () => ({ actions: batch })
    const store = useOutboxStore()
    store.start()
    await store.load()
    const otherData = { code: 'dataset_changed' as const, message: 'other data', handledBy: null, agent: null }
    for (const queued of batch) fake.emit('outbox:changed', { actions: [{ ...queued, state: 'rejected', rejection: otherData }] })
    settled()
    expect(useNotificationsStore().toasts.map((n) => [n.tone, n.key, n.params])).toEqual([['error', 'outbox.notice.notSentMany', { count: 3 }]])
  })

  it('gathers the outcomes of actions queued together into one toast each kind, and keeps a toast of its own for one queued apart or one being read', async () => {
    const batch = [1, 2, 3, 4, 5].map((id) => action(id, { createdAt: 50 }))
    const apart = action(6, { createdAt: 60 })
    fake.handlers['outbox:list'] = () => ({ actions: [...batch, apart] })
    const store = useOutboxStore()
    store.start()
    await store.load()
    const notifications = useNotificationsStore()
    const refused = { code: 'over_quota' as const, message: 'full', handledBy: null, agent: { agentId: 7, name: 'Rani', load: 5, quota: 5 } }

    fake.emit('outbox:changed', { actions: [{ ...apart, state: 'done', attempts: 1 }] })
    settled()
    // One outcome alone still names its customer and leads to the chat.
    expect(notifications.toasts.map((n) => [n.key, n.params])).toEqual([['outbox.notice.assigned', { customer: 'Customer 6', agent: '#7' }]])
    fake.emit('outbox:changed', { actions: [{ ...batch[0]!, state: 'done', attempts: 1 }] })
    fake.emit('outbox:changed', { actions: [{ ...batch[1]!, state: 'done', attempts: 1 }] })
    fake.emit('outbox:changed', { actions: [{ ...batch[2]!, state: 'done', attempts: 1 }] })
    fake.emit('outbox:changed', { actions: [{ ...batch[3]!, state: 'rejected', attempts: 1, rejection: refused }] })
    fake.emit('outbox:changed', { actions: [{ ...batch[4]!, state: 'rejected', attempts: 1, rejection: refused }] })
    settled()
    expect(notifications.toasts.map((n) => [n.tone, n.key, n.params])).toEqual([
      ['error', 'outbox.notice.refusedMany', { count: 2 }],
      ['success', 'outbox.notice.assignedMany', { count: 3 }],
      ['success', 'outbox.notice.assigned', { customer: 'Customer 6', agent: '#7' }],
    ])

    // A toast someone is reading is not rewritten under them: the next outcome gets its own.
    const more = [7, 8].map((id) => action(id, { createdAt: 70 }))
    fake.emit('outbox:changed', { actions: [{ ...more[0]!, state: 'done', attempts: 1 }] })
    settled()
    const reading = notifications.toasts[0]!
    notifications.hold(reading.id, 'pointer')
    fake.emit('outbox:changed', { actions: [{ ...more[1]!, state: 'done', attempts: 1 }] })
    settled()
    expect(notifications.toasts.slice(0, 2).map((n) => n.params.customer)).toEqual(['Customer 8', 'Customer 7'])
  })

  it('gathers the outcomes of actions held back by the connection into one toast when it comes back, whenever each was queued', async () => {
    const connection = useConnectionStore()
    connection.start()
    const status = (value: 'online' | 'syncing' | 'offline') =>
      fake.emit('connection:changed', { status: value, lastSyncedAt: 1, server: 'http://x', error: null })
    status('online')
    const store = useOutboxStore()
    store.start()
    const notifications = useNotificationsStore()
    const settle = (a: OutboxAction, state: 'done' | 'rejected' = 'done') =>
      fake.emit('outbox:changed', {
        actions: [{ ...a, state, attempts: 1, ...(state === 'rejected' && { rejection: { code: 'agent_offline', message: 'gone', handledBy: null, agent: null } }) }],
      })

    status('offline')
    // Queued one by one while offline: three moments, three enqueues.
    const queuedOffline = [1, 2, 3, 4].map((id) => action(id, { createdAt: Date.now() - 5_000 + id }))
    // The first outcome may reach the page before the news that the connection is back.
    settle(queuedOffline[0]!)
    status('syncing')
    settle(queuedOffline[1]!)
    status('online')
    settle(queuedOffline[2]!)
    settle(queuedOffline[3]!, 'rejected')
    settled()
    expect(notifications.toasts.map((n) => [n.key, n.params])).toEqual([
      ['outbox.reason.agent_offline', { customer: 'Customer 4', agent: '#7', handler: '', load: 0, quota: 0 }],
      ['outbox.notice.assignedMany', { count: 3 }],
    ])

    // Queued on this connection: its own toast, named.
    settle(action(5, { createdAt: Date.now() + 1 }))
    settled()
    expect(notifications.toasts[0]).toMatchObject({ key: 'outbox.notice.assigned', params: { customer: 'Customer 5' } })

    // The next outage's outcomes do not join the toast left from the last one.
    status('offline')
    const later = [6, 7].map((id) => action(id, { createdAt: Date.now() - id }))
    status('online')
    later.forEach((a) => settle(a))
    settled()
    expect(notifications.toasts.filter((n) => n.key === 'outbox.notice.assignedMany').map((n) => n.params)).toEqual([{ count: 2 }, { count: 3 }])
  })

  it('does not lead to a chat the server no longer has, or whose id may name another customer there', async () => {
    fake.handlers['outbox:list'] = () => ({ actions: [action(1), action(2)] })
    const store = useOutboxStore()
    store.start()
    await store.load()
    // Queued apart (another createdAt), so each keeps its own alert.
    for (const [id, code] of [[1, 'not_found'], [2, 'dataset_changed']] as const) {
      fake.emit('outbox:changed', {
        actions: [action(id, { createdAt: id, state: 'rejected', attempts: 1, rejection: { code, message: code, handledBy: null, agent: null } })],
      })
    }
    settled()
    expect(useNotificationsStore().items.map((n) => [n.key, n.action])).toEqual([
      ['outbox.reason.dataset_changed', undefined],
      ['outbox.reason.not_found', undefined],
    ])
  })

  it('cancels an unsent action, and says so when it was already sent, is gone, or may still go', async () => {
    fake.handlers['outbox:list'] = () => ({ actions: [action(1), action(2, { attempts: 1 }), action(3), action(4)] })
    fake.handlers['outbox:cancel'] = ({ id }) => {
      if (id === 2) throw new FakeIpcFailure({ code: 'invalid_input', message: 'already sent' })
      if (id === 3) throw new FakeIpcFailure({ code: 'not_found', message: 'no such action' })
      if (id === 4) throw new FakeIpcFailure({ code: 'timeout', message: 'no answer' })
      return action(1, { state: 'cancelled', dismissed: true })
    }
    const store = useOutboxStore()
    await store.load()
    for (const id of [1, 2, 3, 4]) await store.cancel(id)
    await flush()
    expect(store.list.map((a) => a.id)).toEqual([2, 3, 4])
    // Newest first. Only an unknown outcome names its code: "already sent" was said with one whatever happened.
    const told = useNotificationsStore().items.map((n) => [n.tone, n.key, n.params])
    expect(told).toEqual([
      ['error', 'outbox.notice.cancelUnknown', { code: 'timeout' }],
      ['error', 'outbox.notice.cancelGone', {}],
      ['error', 'outbox.notice.cancelFailed', {}],
    ])
  })

  it('names the reason of each refusal with a message key that exists in both languages', async () => {
    const en = (await import('../../renderer/src/i18n/en')).default
    const id = (await import('../../renderer/src/i18n/id')).default
    const codes = ['conflict', 'agent_offline', 'over_quota', 'unknown_agent', 'forbidden', 'not_found', 'invalid_request', 'other', 'dataset_changed'] as const
    for (const code of codes) {
      for (const handledBy of [null, { agentId: 1, name: 'X' }]) {
        for (const kind of ['assign', 'transfer'] as const) {
          for (const status of [{}, { status: 'resolved' as const }, { status: 'in_queue' as const }, { status: 'handled' as const }]) {
            const key = reasonKey({ code, message: '', handledBy, agent: null, ...status }, kind).split('.')
            expect(key[0]).toBe('outbox')
            expect((en.outbox.reason as Record<string, string>)[key[2]!]).toBeTruthy()
            expect((id.outbox.reason as Record<string, string>)[key[2]!]).toBeTruthy()
          }
        }
      }
    }
    // Moved on with nobody on it: what the server said it became, when it said.
    const gone = { code: 'conflict', message: '', handledBy: null, agent: null } as const
    expect(reasonKey({ ...gone, status: 'resolved' }, 'transfer')).toBe('outbox.reason.conflictResolved')
    expect(reasonKey({ ...gone, status: 'in_queue' }, 'transfer')).toBe('outbox.reason.conflictQueued')
    expect(reasonKey(gone, 'transfer')).toBe('outbox.reason.conflictChanged')
    // A refused transfer says who has the chat now, not that it is "already handled", as if taken from the queue.
    const moved = { code: 'conflict', message: '', handledBy: { agentId: 4, name: 'Citra' }, agent: null } as const
    expect(reasonKey(moved, 'assign')).toBe('outbox.reason.conflict')
    expect(reasonKey(moved, 'transfer')).toBe('outbox.reason.conflictTransfer')
  })
})

describe('the pending-actions panel', () => {
  it('says a waiting action goes out once back online, not the network error, while offline; online it shows why the server failed', async () => {
    const store = useOutboxStore()
    const connection = useConnectionStore()
    fake.handlers['outbox:list'] = () => ({ actions: [action(1, { attempts: 2, lastError: 'connect ECONNREFUSED 127.0.0.1:45021' })] })
    await store.load()
    connection.state = { status: 'offline', lastSyncedAt: 1, server: 'http://x', error: 'connect ECONNREFUSED 127.0.0.1:45021' }
    const wrapper = mount(OutboxPanel, { global: { plugins: [createAppI18n('en')] } })
    await wrapper.get('button.toggle').trigger('click')
    const detail = () => wrapper.get('.action .detail').text()
    expect(detail()).toBe('Goes to the server once Observe is back online')
    expect(wrapper.text()).not.toContain('ECONNREFUSED')

    connection.state = { status: 'online', lastSyncedAt: 2, server: 'http://x', error: null }
    fake.handlers['outbox:list'] = () => ({ actions: [action(1, { attempts: 3, lastError: 'the server answered 503' })] })
    await store.load()
    await flush()
    expect(detail()).toBe('Will retry: the server answered 503')
    wrapper.unmount()
  })
  it("says in Bahasa Indonesia why the server failed, without the core's English text, in the panel and the row's tooltip", async () => {
    const store = useOutboxStore()
    useConnectionStore().state = { status: 'online', lastSyncedAt: 2, server: 'http://x', error: null }
    const technical = 'Request failed with status code 503'
    fake.handlers['outbox:list'] = () => ({ actions: [action(1, { attempts: 2, lastError: technical, lastErrorReason: 'server_error' })] })
    await store.load()
    const i18n = createAppI18n('id')
    const panel = mount(OutboxPanel, { global: { plugins: [i18n] } })
    await panel.get('button.toggle').trigger('click')
    expect(panel.get('.action .detail').text()).toBe('Akan dicoba lagi: server sedang mengalami gangguan')
    expect(panel.text()).not.toContain('503')
    const mark = mount(OutboxMark, { props: { conversationId: 101 }, global: { plugins: [i18n] } })
    expect(mark.get('.mark').attributes('title')).toBe('Akan dicoba lagi: server sedang mengalami gangguan')

    // Stored before reasons were kept: its text is all there is, shown in the panel marked as
    // English, and in the tooltip, which cannot say its language, worded as a failure in general.
    fake.handlers['outbox:list'] = () => ({ actions: [action(1, { attempts: 3, lastError: technical, lastErrorReason: null })] })
    await store.load()
    await flush()
    expect(panel.get('.action .detail').text()).toBe(`Akan dicoba lagi: ${technical}`)
    expect(panel.get('.action .detail [lang="en"]').text()).toBe(technical)
    expect(mark.get('.mark').attributes('title')).toBe('Akan dicoba lagi: terjadi kendala dalam perjalanan ke server')
    mark.unmount()
    panel.unmount()
  })
})

describe('a Force Distribution plan queued', () => {
  it('names the chats that stayed in the queue for want of room apart from those no longer waiting', async () => {
    fake.handlers['outbox:spread'] = () => ({
      actions: [],
      skipped: [
        { conversationId: 1, reason: 'no_room', customerName: 'Ayu' },
        { conversationId: 2, reason: 'no_room', customerName: 'Bayu' },
        { conversationId: 3, reason: 'not_in_queue', customerName: 'Citra Taken' },
        { conversationId: 4, reason: 'no_room', customerName: 'Dedi' },
      ],
    })
    await useOutboxStore().spread([1, 2, 3, 4].map((conversationId) => ({ conversationId, agentId: 7 })))
    // Newest first: one notice for each reason, in the order the plan first met it.
    expect(useNotificationsStore().items.map((n) => [n.key, n.params])).toEqual([
      ['outbox.notice.skipped.not_in_queue.one', { customer: 'Citra Taken' }],
      ['outbox.notice.skipped.no_room.among', { count: 3, first: 'Ayu', second: 'Bayu' }],
    ])
  })
})

describe('chats left out of what was queued', () => {
  it('are named: one, two, or the first two among more; a chat nobody can name any more is only counted', () => {
    const key = (form: string) => `outbox.notice.skipped.no_room.${form}`
    expect(leftOutNotice('no_room', ['Ayu'])).toEqual({ key: key('one'), params: { customer: 'Ayu' } })
    expect(leftOutNotice('no_room', ['Ayu', 'Bayu'])).toEqual({ key: key('two'), params: { first: 'Ayu', second: 'Bayu' } })
    expect(leftOutNotice('no_room', ['Ayu', null, 'Bayu', 'Citra'])).toEqual({ key: key('among'), params: { count: 4, first: 'Ayu', second: 'Bayu' } })
    expect(leftOutNotice('no_room', [null, 'Bayu'])).toEqual({ key: key('amongOne'), params: { count: 2, first: 'Bayu' } })
    expect(leftOutNotice('no_room', [null])).toEqual({ key: key('many'), params: { count: 1 } })
  })

  it('are named from the picks when the core no longer holds them, and said to be gone from the cache', async () => {
    fake.handlers['outbox:assign'] = ({ conversationIds }) => ({
      actions: [],
      skipped: conversationIds.map((conversationId) => ({ conversationId, reason: 'not_found' as const, customerName: null })),
    })
    const store = useOutboxStore()
    const picks = usePicksStore()
    picks.toggleSelected(31, 'Dedi Gone', true)
    await store.assign([31], 7)
    expect(useNotificationsStore().items.map((n) => [n.key, n.params])).toEqual([['outbox.notice.skipped.not_found.one', { customer: 'Dedi Gone' }]])
  })

  it('say why a transfer was left out: no agent has the chat, it is already with that agent, or it is gone', async () => {
    useWorkspaceStore().workspace = { agents: [makeAgent(7, 1, 5, { name: 'Dimas Pratama' })], labels: [], channels: [], me: null, datasetId: null }
    const i18n = createAppI18n('en')
    const id = createAppI18n('id')
    const store = useOutboxStore()
    const said: string[][] = []
    for (const reason of ['not_handled', 'same_agent', 'not_found'] as const) {
      fake.handlers['outbox:transfer'] = ({ conversationId }) => ({
        actions: [],
        skipped: [{ conversationId, reason, customerName: reason === 'not_found' ? null : 'Budi Santoso' }],
      })
      await store.transfer(90, 7)
      const notice = useNotificationsStore().items[0]!
      said.push([notice.key, i18n.global.t(notice.key, notice.params, 1), id.global.t(notice.key, notice.params, 1)])
    }
    expect(said).toEqual([
      ['outbox.notice.skipped.not_handled.one', 'Budi Santoso was not transferred: no agent has the chat now', 'Budi Santoso tidak dialihkan: chat-nya sedang tidak ditangani agen mana pun'],
      ['outbox.notice.skipped.same_agent.one', 'Budi Santoso was not transferred: the chat is already with Dimas Pratama', 'Budi Santoso tidak dialihkan: chat-nya sudah ditangani Dimas Pratama'],
      ['outbox.notice.skipped.not_found.many', '1 conversation was left out: it is no longer in the cache', '1 percakapan dilewati: sudah tidak ada di cache'],
    ])
  })
})

describe('other data on the server', () => {
  it('lets go of picked rows, the assign dialog, Force Distribution and the open chat, whose ids now name other customers', async () => {
    const workspace = useWorkspaceStore()
    const picks = usePicksStore()
    const dialogs = useAssignDialogsStore()
    const detail = useDetailStore()
    const base = { agents: [], labels: [], channels: [], me: null }
    workspace.workspace = { ...base, datasetId: 'before' }
    await nextTick()
    picks.toggleSelected(121, 'Ulla Beforereseed', true)
    dialogs.openDialog({ mode: 'assign', conversationIds: [121], customerName: 'Ulla Beforereseed', currentAgentId: null })
    dialogs.openSpread({ conversationIds: [121] })
    detail.openId = 121
    // The same data read again changes nothing.
    workspace.workspace = { ...base, datasetId: 'before' }
    await nextTick()
    expect([picks.selection.size, dialogs.dialog !== null, dialogs.spreadFor !== null, detail.openId]).toEqual([1, true, true, 121])

    workspace.workspace = { ...base, datasetId: 'after' }
    await nextTick()
    expect([picks.selection.size, dialogs.dialog, dialogs.spreadFor, detail.openId]).toEqual([0, null, null, null])
  })
})

describe('an action from a page behind the server’s data', () => {
  it('sends the dataset the page shows with each action', async () => {
    const workspace = useWorkspaceStore()
    workspace.workspace = { agents: [], labels: [], channels: [], me: null, datasetId: 'ds-seen' }
    fake.handlers['outbox:assign'] = () => ({ actions: [], skipped: [] })
    fake.handlers['outbox:transfer'] = () => ({ actions: [], skipped: [] })
    fake.handlers['outbox:spread'] = () => ({ actions: [], skipped: [] })
    const outbox = useOutboxStore()
    await outbox.assign([5], 7)
    await outbox.transfer(6, 7)
    await outbox.spread([{ conversationId: 8, agentId: 7 }])
    expect(fake.calls.map((c) => [c.channel, (c.input as { dataset: unknown }).dataset])).toEqual([
      ['outbox:assign', 'ds-seen'],
      ['outbox:transfer', 'ds-seen'],
      ['outbox:spread', 'ds-seen'],
    ])
  })

  it('says plainly why nothing was queued, and reads the workspace again, which lets go of the picks', async () => {
    const workspace = useWorkspaceStore()
    const base = { agents: [], labels: [], channels: [], me: null }
    workspace.workspace = { ...base, datasetId: 'before' }
    await nextTick()
    fake.handlers['outbox:assign'] = () => {
      throw new FakeIpcFailure({ code: 'dataset_changed', message: 'not queued: the page acted on dataset before; the cache now holds after' })
    }
    fake.handlers['workspace:get'] = () => ({ ...base, datasetId: 'after' })
    const outbox = useOutboxStore()
    const picks = usePicksStore()
    picks.toggleSelected(121, 'Ulla Beforereseed', true)
    expect(await outbox.assign([121], 7)).toBeNull()
    expect(useNotificationsStore().items.map((n) => [n.tone, n.key])).toEqual([['error', 'outbox.notice.otherData']])
    await flush()
    expect(workspace.workspace?.datasetId).toBe('after')
    expect(picks.selection.size).toBe(0)
  })
})

describe('picking a range of queued rows', () => {
  const rows = Array.from({ length: 600 }, (_, i) => ({ id: i + 1, customerName: `Customer ${i + 1}` }))

  it('picks from the last row picked to this one, either way, up to the most one bulk action takes', () => {
    const picks = usePicksStore()
    picks.toggleSelected(10, 'Customer 10', true)
    picks.toggleRange(rows, 5, 'Customer 5', true)
    expect([...picks.selection].sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10])
    // Letting go with Shift lets the range go, from the last one touched.
    picks.toggleRange(rows, 7, 'Customer 7', false)
    expect([...picks.selection].sort((a, b) => a - b)).toEqual([8, 9, 10])
    picks.clearSelection()
    picks.toggleSelected(1, 'Customer 1', true)
    picks.toggleRange(rows, 600, 'Customer 600', true)
    expect(picks.selection.size).toBe(500)
    expect(picks.selection.has(500)).toBe(true)
    expect(picks.selection.has(501)).toBe(false)
  })

  it('picks only this row when the last one touched is not among the rows shown', () => {
    const picks = usePicksStore()
    picks.toggleSelected(9999, 'Customer 9999', true)
    picks.toggleRange(rows, 3, 'Customer 3', true)
    expect([...picks.selection].sort((a, b) => a - b)).toEqual([3, 9999])
  })
})
