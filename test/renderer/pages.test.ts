import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcInput } from '../../shared/ipc/contract'
import SignedInApp from '../../renderer/src/views/SignedInApp.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { useDetailStore } from '../../renderer/src/stores/detail'
import { useFiltersStore } from '../../renderer/src/stores/filters'
import { useLogHistoryStore } from '../../renderer/src/stores/log-history'
import { useNotificationsStore } from '../../renderer/src/stores/notifications'
import { usePagesStore } from '../../renderer/src/stores/pages'
import { readPageState } from '../../renderer/src/stores/page-state'
import { useSessionStore } from '../../renderer/src/stores/session'
import { createFakeObserve, fakeLog, makeAgent, makeConversation, makeLogEntry, type FakeObserve } from './support/fake-observe'
import { allByRole, byRole } from './support/roles'

const ME = makeAgent(1, 0, 0, { name: 'Sari Supervisor', role: 'supervisor' })

let fake: FakeObserve
let wrapper: VueWrapper

beforeEach(() => {
  setActivePinia(createPinia())
  window.localStorage.clear()
  fake = createFakeObserve({
    'workspace:get': () => ({ agents: [ME, makeAgent(7, 1, 5, { name: 'Citra Maharani' })], labels: [], channels: [], me: ME, datasetId: null }),
    'connection:get': () => ({ status: 'online', lastSyncedAt: Date.now(), server: 'http://x', error: null }),
    'conversations:counts': () => ({ all: 60, in_queue: 30, handled: 30 }),
    'conversations:list': ({ tab }) => ({
      rows: Array.from({ length: 30 }, (_, i) => makeConversation(tab === 'handled' ? 100 + i : i + 1, { status: tab === 'handled' ? 'handled' : 'in_queue', agentId: tab === 'handled' ? 7 : null })),
      nextCursor: null,
    }),
    'conversations:get': ({ id }) => ({ conversation: makeConversation(id), messages: [], messagesCached: true, earlierMessages: 'none' }),
    'outbox:list': () => ({ actions: [] }),
  })
  fakeLog(fake, [makeLogEntry(1, { conversationId: 5 }), makeLogEntry(2, { conversationId: 6 })])
  window.observe = fake
})

afterEach(() => {
  wrapper?.unmount()
  delete window.observe
})

async function mountApp(): Promise<VueWrapper> {
  wrapper = mount(SignedInApp, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const nav = () => byRole(wrapper, 'navigation', 'Observe pages')
const pageButton = (name: 'Customer' | 'Log History') => byRole(nav(), 'button', name)
const current = () => allByRole(nav(), 'button').filter((b) => b.attributes('aria-current') === 'page').map((b) => b.text())
const shown = (element: Element) => (element as HTMLElement).style.display !== 'none'
/** The page's main landmarks, and whether each is shown. */
const mains = () => allByRole(wrapper, 'main').map((m) => ({ element: m.element, shown: shown(m.element) }))
const listReads = () => fake.calls.filter((c) => c.channel === 'conversations:list').map((c) => c.input as IpcInput<'conversations:list'>)
const skipLink = () => wrapper.get('button.skip-link')

describe('switching pages', () => {
  it('offers both pages from the header, marking the one shown with aria-current', async () => {
    await mountApp()
    expect(current()).toEqual(['Customer'])
    expect(skipLink().text()).toBe('Skip to conversations')

    await pageButton('Log History').trigger('click')
    await flushPromises()
    expect(current()).toEqual(['Log History'])
    expect(mains().filter((m) => m.shown)).toHaveLength(1)
    expect(byRole(wrapper, 'heading', 'Log History').exists()).toBe(true)
    expect(allByRole(byRole(wrapper, 'table', 'Hand-offs, newest first'), 'row')).toHaveLength(3)
    expect(skipLink().text()).toBe('Skip to the log')

    await pageButton('Customer').trigger('click')
    await flushPromises()
    expect(current()).toEqual(['Customer'])
    expect(allByRole(wrapper, 'heading', 'Log History')).toHaveLength(0)
  })

  it('comes back to the Customer page as it was left: tab, search, open chat, scroll, no reload', async () => {
    await mountApp()
    await byRole(wrapper, 'tab', 'In Queue').trigger('click')
    await flushPromises()
    await byRole(wrapper, 'searchbox', 'Search').setValue('Rin')
    // The search applies after a pause in typing, and a new search starts the list at the top: let it
    // apply before scrolling, or a slow machine applies it mid-test and the scroll checked is that reset.
    await vi.waitFor(() => expect(useFiltersStore().filters.search).toBe('Rin'))
    await flushPromises()
    // happy-dom lays nothing out, so the virtual list renders no rows to click: open one as a row would.
    await useDetailStore().open(3)
    await flushPromises()
    const scroller = wrapper.get('#conversations-panel .scroller').element
    scroller.scrollTop = 240
    const [customerMain] = mains()
    const reads = listReads().length

    await pageButton('Log History').trigger('click')
    await flushPromises()
    expect(mains()).toEqual([
      { element: customerMain!.element, shown: false },
      { element: expect.anything(), shown: true },
    ])

    await pageButton('Customer').trigger('click')
    await flushPromises()
    // The same page, never taken down: nothing it holds was lost, nothing read again.
    expect(mains()).toEqual([{ element: customerMain!.element, shown: true }])
    expect(byRole(wrapper, 'tab', 'In Queue').attributes('aria-selected')).toBe('true')
    expect((byRole(wrapper, 'searchbox', 'Search').element as HTMLInputElement).value).toBe('Rin')
    expect(useDetailStore().openId).toBe(3)
    expect(byRole(wrapper, 'complementary', 'Customer 3').exists()).toBe(true)
    expect(wrapper.get('#conversations-panel .scroller').element.scrollTop).toBe(240)
    expect(listReads()).toHaveLength(reads)
  })

  it('brings the Customer page forward on a tab for Alt+1–3 from Log History, and keeps its search keys to it', async () => {
    await mountApp()
    await pageButton('Log History').trigger('click')
    await flushPromises()
    const slash = new KeyboardEvent('keydown', { key: '/', code: 'Slash', bubbles: true, cancelable: true })
    window.dispatchEvent(slash)
    expect(slash.defaultPrevented).toBe(false)
    expect(pageButton('Log History').attributes('aria-current')).toBe('page')

    const alt2 = new KeyboardEvent('keydown', { key: '2', code: 'Digit2', altKey: true, bubbles: true, cancelable: true })
    window.dispatchEvent(alt2)
    await flushPromises()
    expect(alt2.defaultPrevented).toBe(true)
    expect(pageButton('Customer').attributes('aria-current')).toBe('page')
    expect(useConversationsStore().activeTab).toBe('in_queue')
    // The keyboard lands on the tab picked, not on the page that went away.
    expect(document.activeElement).toBe(byRole(wrapper, 'tab', 'In Queue').element)

    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', code: 'Digit3', altKey: true, bubbles: true, cancelable: true }))
    await flushPromises()
    expect(useConversationsStore().activeTab).toBe('handled')
  })

  it('skips to the rows of the page shown', async () => {
    await mountApp()
    await skipLink().trigger('click')
    // Its rows need layout to render (the e2e tests land on one); here the list itself takes the focus.
    expect(document.activeElement?.id).toBe('conversations-panel')

    await pageButton('Log History').trigger('click')
    await flushPromises()
    await skipLink().trigger('click')
    expect(document.activeElement?.closest('#log-history-panel')).not.toBeNull()
    expect(document.activeElement?.getAttribute('data-id')).toBe('2')
  })

  it('brings the Customer page forward for a notification, the tray, or an entry of the log', async () => {
    await mountApp()
    const pages = usePagesStore()
    await pageButton('Log History').trigger('click')
    await flushPromises()
    fake.emit('app:openConversation', { id: 12 })
    await flushPromises()
    expect(current()).toEqual(['Customer'])
    expect(useDetailStore().openId).toBe(12)

    pages.show('logHistory')
    await flushPromises()
    fake.emit('app:openQueue', {})
    await flushPromises()
    expect(current()).toEqual(['Customer'])
    expect(useConversationsStore().activeTab).toBe('in_queue')

    // A toast's Open, long after it came.
    pages.show('logHistory')
    useNotificationsStore().push('info', 'queue.newChatNoText', { customer: 'Rina', channel: 'Telegram' }, { kind: 'openConversation', id: 21 })
    await flushPromises()
    await byRole(wrapper, 'button', 'Open the chat with Rina').trigger('click')
    await flushPromises()
    expect(current()).toEqual(['Customer'])
    expect(useDetailStore().openId).toBe(21)

    // An entry of the log whose chat is still cached.
    await pageButton('Log History').trigger('click')
    await flushPromises()
    const entry = allByRole(byRole(wrapper, 'table', 'Hand-offs, newest first'), 'row').find((row) => row.attributes('data-id') === '1')!
    await entry.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(current()).toEqual(['Customer'])
    expect(useDetailStore().openId).toBe(5)
  })

  it('starts the next sign-in on the Customer page with a log of its own', async () => {
    await mountApp()
    await pageButton('Log History').trigger('click')
    await flushPromises()
    expect(useLogHistoryStore().entries).toHaveLength(2)
    wrapper.unmount()
    expect(usePagesStore().current).toBe('customer')
    expect(useLogHistoryStore().entries).toHaveLength(0)
    expect(useLogHistoryStore().loaded).toBe(false)
  })

  it("keeps each account's search and filters to itself, forgets them with its cache, and drops the toasts on signing out", async () => {
    const session = useSessionStore()
    const signedIn = { status: 'signed_in' as const, demo: false, server: 'https://oca.example', email: 'spv@x.id', user: null, profile: 'p1', secretsPersist: true, ended: null, unsent: 0 }
    session.state = signedIn
    await mountApp()
    useFiltersStore().set({ search: 'Taufik Hidayat', agentIds: [7] })
    useNotificationsStore().push('error', 'outbox.reason.conflict', { customer: 'Siti', handler: 'Rani' })
    await flushPromises()
    wrapper.unmount()
    expect(useNotificationsStore().items).toEqual([])
    // Another account's page opens clear (kept for the machine, it opened on "In Queue 0" under this search) ...
    expect(readPageState('p2')).toBeNull()
    // ... and this one's comes back as it was left.
    expect(readPageState('p1')?.filters.search).toBe('Taufik Hidayat')
    // Its cache deleted on signing out, what its page remembered goes with it.
    fake.handlers['session:signOut'] = () => ({ ...signedIn, status: 'signed_out', profile: null, user: null })
    await session.signOut(true)
    expect(readPageState('p1')).toBeNull()
    // Nor is it still in the page, for the same account signing in again without a reload.
    expect(useFiltersStore().filters.search).toBe('')
  })
})
