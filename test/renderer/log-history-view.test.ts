import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import LogHistoryView from '../../renderer/src/views/LogHistoryView.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { useDetailStore } from '../../renderer/src/stores/detail'
import { useLogHistoryStore } from '../../renderer/src/stores/log-history'
import { usePagesStore } from '../../renderer/src/stores/pages'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { createFakeObserve, FakeIpcFailure, fakeLog, makeAgent, makeConversation, makeLogEntry, type FakeLog, type FakeObserve } from './support/fake-observe'
import { allByRole, byRole } from './support/roles'

const HOSTILE = '<img src=x onerror=alert(1)>'
const ME = makeAgent(1, 0, 0, { name: 'Sari Supervisor', role: 'supervisor' })
const MINUTE = 60_000

let fake: FakeObserve
let log: FakeLog

beforeEach(() => {
  setActivePinia(createPinia())
  window.localStorage.clear()
  fake = createFakeObserve({
    'conversations:get': ({ id }) => ({ conversation: makeConversation(id), messages: [], messagesCached: true, earlierMessages: 'none' }),
  })
  log = fakeLog(fake)
  window.observe = fake
  useWorkspaceStore().workspace = {
    agents: [ME, makeAgent(7, 1, 5, { name: 'Citra Maharani' }), makeAgent(8, 2, 5, { name: 'Dimas Pratama' })],
    labels: [],
    channels: [],
    me: ME,
    datasetId: null,
  }
})

afterEach(() => {
  vi.useRealTimers()
  delete window.observe
})

async function mountView(locale: 'en' | 'id' = 'en') {
  const wrapper = mount(LogHistoryView, { global: { plugins: [createAppI18n(locale)] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

type View = Awaited<ReturnType<typeof mountView>>
const table = (wrapper: View) => byRole(wrapper, 'table')
/** The data rows (the header row has no cells), each as its cells' text. */
const rows = (wrapper: View) => allByRole(table(wrapper), 'row').filter((row) => allByRole(row, 'cell').length > 0)
/** Each cell's text as a screen reader gets it: what is hidden from it (the "you" pill) left out. */
const cells = (row: ReturnType<typeof rows>[number]) =>
  allByRole(row, 'cell').map((cell) => {
    const heard = cell.element.cloneNode(true) as HTMLElement
    for (const hidden of heard.querySelectorAll('[aria-hidden="true"]')) hidden.remove()
    return (heard.textContent ?? '').replace(/\s+/g, ' ').trim()
  })

describe('the Log History page', () => {
  it('lists each hand-off newest first: when, what, the customer, and from, to and by whom by name', async () => {
    const now = Date.now()
    log.entries = [
      makeLogEntry(1, { at: now - 50 * MINUTE, action: 'assign', byAgentId: 1, fromAgentId: null, toAgentId: 7 }),
      makeLogEntry(2, {
        at: now - 20 * MINUTE,
        action: 'transfer',
        byAgentId: 7,
        fromAgentId: 7,
        toAgentId: 8,
        conversation: { ticketNo: 4521, customerName: 'Rina Wijaya', customerHandle: 'rina@example.com', channel: 'email' },
      }),
      // An agent taking a chat from the queue themselves.
      makeLogEntry(3, { at: now - 5 * MINUTE, action: 'assign', byAgentId: 8, fromAgentId: null, toAgentId: 8 }),
      // The supervisor's Assign to me: assigned, not picked up.
      makeLogEntry(4, { at: now - 2 * MINUTE, action: 'assign', byAgentId: 1, fromAgentId: null, toAgentId: 1 }),
    ]
    const wrapper = await mountView()
    expect(byRole(wrapper, 'heading', 'Log History').exists()).toBe(true)
    expect(byRole(wrapper, 'table', 'Hand-offs, newest first').exists()).toBe(true)
    expect(allByRole(table(wrapper), 'columnheader').map((h) => h.text())).toEqual(['When', 'What', 'Customer', 'From', 'To', 'By'])
    expect(rows(wrapper).map(cells)).toEqual([
      ['2 min. ago', 'Assigned', 'Customer 104 #1104 WhatsApp +62 812 0000 104', 'Queue', 'Sari Supervisor (you)', 'Sari Supervisor (you)'],
      ['5 min. ago', 'Picked up', 'Customer 103 #1103 WhatsApp +62 812 0000 103', 'Queue', 'Dimas Pratama', 'Dimas Pratama'],
      ['20 min. ago', 'Transferred', 'Rina Wijaya #4521 Email rina@example.com', 'Citra Maharani', 'Dimas Pratama', 'Citra Maharani'],
      ['50 min. ago', 'Assigned', 'Customer 101 #1101 WhatsApp +62 812 0000 101', 'Queue', 'Citra Maharani', 'Sari Supervisor (you)'],
    ])
    // The row's channel is its icon, with the channel's name for screen readers.
    expect(rows(wrapper)[2]!.find('[data-kind="email"]').exists()).toBe(true)
    // The time in full, for the tooltip and machines.
    expect(rows(wrapper)[1]!.get('time').attributes('datetime')).toBe(new Date(now - 5 * MINUTE).toISOString())
    wrapper.unmount()
  })

  it('names an agent the workspace does not list by id, and a chat no longer cached by its number, marked so', async () => {
    log.entries = [makeLogEntry(4, { conversationId: 9001, conversation: null, byAgentId: 99, toAgentId: 7 })]
    const wrapper = await mountView()
    const [row] = rows(wrapper)
    expect(cells(row!).slice(2)).toEqual(['Conversation #9001 not cached', 'Queue', 'Citra Maharani', 'Agent #99'])
    expect(row!.get('.tag').attributes('title')).toContain('no longer in the cache')
    wrapper.unmount()
  })

  it('renders what customers wrote as text, never as markup', async () => {
    log.entries = [makeLogEntry(1, { conversation: { ticketNo: 1, customerName: HOSTILE, customerHandle: '<b>bold</b>', channel: 'telegram' } })]
    const wrapper = await mountView()
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('b').exists()).toBe(false)
    expect(rows(wrapper)[0]!.text()).toContain(HOSTILE)
    expect(rows(wrapper)[0]!.text()).toContain('<b>bold</b>')
    wrapper.unmount()
  })

  it('says what will appear while the log is empty, and shows a hand-off as soon as it reaches the cache', async () => {
    const wrapper = await mountView()
    const empty = byRole(wrapper, 'status', /^No hand-offs yet/)
    expect(empty.text()).toContain('assigned to an agent')
    expect(wrapper.find('[role="table"]').exists()).toBe(false)

    log.add(makeLogEntry(1))
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(1)
    expect(allByRole(wrapper, 'status', /^No hand-offs yet/)).toHaveLength(0)

    // Not listening once the page is gone.
    wrapper.unmount()
    const reads = fake.calls.length
    log.add(makeLogEntry(2))
    await flushPromises()
    expect(fake.calls).toHaveLength(reads)
  })

  it('says when the log could not be read, and reads it again on Try again', async () => {
    const serve = fake.handlers['log:list']!
    fake.handlers['log:list'] = () => {
      throw new FakeIpcFailure({ code: 'internal', message: 'no cache' })
    }
    const wrapper = await mountView()
    const alert = byRole(wrapper, 'alert')
    expect(alert.text()).toContain('The log could not be loaded.')
    fake.handlers['log:list'] = serve
    log.entries = [makeLogEntry(1)]
    await byRole(alert, 'button', 'Try again').trigger('click')
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(1)
    expect(allByRole(wrapper, 'alert')).toHaveLength(0)
    wrapper.unmount()
  })

  it('shows older hand-offs on demand, each once, then says nothing older is kept', async () => {
    log.entries = Array.from({ length: 70 }, (_, i) => makeLogEntry(i + 1))
    const wrapper = await mountView()
    expect(rows(wrapper)).toHaveLength(50)
    expect(table(wrapper).attributes('aria-rowcount')).toBe('-1')
    const older = byRole(wrapper, 'button', 'Show older')
    ;(older.element as HTMLElement).focus()
    await older.trigger('click')
    await flushPromises()
    const ids = rows(wrapper).map((row) => Number(row.attributes('data-id')))
    expect(ids).toEqual(Array.from({ length: 70 }, (_, i) => 70 - i))
    expect(table(wrapper).attributes('aria-rowcount')).toBe('71')
    expect(allByRole(wrapper, 'button', 'Show older')).toHaveLength(0)
    expect(wrapper.text()).toContain('Nothing older is kept on this computer.')
    // The keyboard goes on from the first of the older rows, not from the button that went away.
    expect(document.activeElement?.getAttribute('data-id')).toBe('20')
    wrapper.unmount()
  })

  it('says older hand-offs are still being copied at the end while they are, shows them on demand as they arrive, then says nothing older is kept', async () => {
    const STILL_COPYING = 'Older hand-offs are still being copied to this computer. They appear here as they arrive.'
    // A first copy newest first: the newest 70 are in the cache, the 20 below them still on their way.
    log.copyingOlder = true
    log.entries = Array.from({ length: 70 }, (_, i) => makeLogEntry(i + 21))
    const wrapper = await mountView()
    await byRole(wrapper, 'button', 'Show older').trigger('click')
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(70)
    expect(allByRole(wrapper, 'button', 'Show older')).toHaveLength(0)
    expect(wrapper.text()).toContain(STILL_COPYING)
    expect(wrapper.text()).not.toContain('Nothing older is kept on this computer.')

    // The rest arrive below the rows shown and the copy ends: they are there to show, and then the end is the end.
    log.copyingOlder = false
    log.add(...Array.from({ length: 20 }, (_, i) => makeLogEntry(i + 1)))
    await flushPromises()
    expect(wrapper.text()).not.toContain(STILL_COPYING)
    await byRole(wrapper, 'button', 'Show older').trigger('click')
    await flushPromises()
    expect(rows(wrapper).map((row) => Number(row.attributes('data-id')))).toEqual(Array.from({ length: 90 }, (_, i) => 90 - i))
    expect(wrapper.text()).toContain('Nothing older is kept on this computer.')
    wrapper.unmount()

    log.copyingOlder = true
    const inBahasa = await mountView('id')
    expect(inBahasa.text()).toContain('Catatan yang lebih lama masih disalin ke komputer ini.')
    inBahasa.unmount()
  })

  it('goes to the oldest hand-off on End and back to the newest on Home, however long the log, newer ones shown above on demand', async () => {
    log.entries = Array.from({ length: 130 }, (_, i) => makeLogEntry(i + 1))
    const wrapper = await mountView()
    const ids = () => rows(wrapper).map((row) => Number(row.attributes('data-id')))
    const focused = () => document.activeElement?.getAttribute('data-id')
    expect(ids()).toHaveLength(50)
    await rows(wrapper)[0]!.trigger('keydown', { key: 'End' })
    await flushPromises()
    expect(ids()).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i))
    expect(focused()).toBe('1')
    // Where these rows stand in the whole log is not known: no place is claimed for them.
    expect(table(wrapper).attributes('aria-rowcount')).toBe('-1')
    expect(rows(wrapper)[0]!.attributes('aria-rowindex')).toBeUndefined()
    expect(wrapper.text()).toContain('Nothing older is kept on this computer.')

    const newer = byRole(wrapper, 'button', 'Show newer')
    ;(newer.element as HTMLElement).focus()
    await newer.trigger('click')
    await flushPromises()
    expect(ids()).toEqual(Array.from({ length: 100 }, (_, i) => 100 - i))
    // The keyboard goes on from the last of the newer rows, just above those it was read from.
    expect(focused()).toBe('51')

    await rows(wrapper).at(-1)!.trigger('keydown', { key: 'Home' })
    await flushPromises()
    expect(ids()).toEqual(Array.from({ length: 50 }, (_, i) => 130 - i))
    expect(focused()).toBe('130')
    expect(allByRole(wrapper, 'button', 'Show newer')).toHaveLength(0)
    wrapper.unmount()
  })

  it('opens a chat still cached on the Customer page, by click or Enter; one no longer cached does not open', async () => {
    log.entries = [makeLogEntry(1, { conversationId: 42 }), makeLogEntry(2, { conversationId: 43 }), makeLogEntry(3, { conversationId: 44, conversation: null })]
    const pages = usePagesStore()
    const detail = useDetailStore()
    pages.show('logHistory')
    const wrapper = await mountView()
    const row = (conversationId: number) => rows(wrapper).find((r) => r.text().includes(`${conversationId}`))!

    await row(44).trigger('click')
    await row(44).trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(pages.current).toBe('logHistory')
    expect(detail.openId).toBeNull()

    await row(42).trigger('click')
    await flushPromises()
    expect(pages.current).toBe('customer')
    expect(detail.openId).toBe(42)

    pages.show('logHistory')
    await row(43).trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(pages.current).toBe('customer')
    expect(detail.openId).toBe(43)
    expect(detail.detail?.conversation.id).toBe(43)
    wrapper.unmount()
  })

  it("narrows to one agent's hand-offs, given, received or done, and to a date, and clears back to the whole log", async () => {
    // Noon: just after midnight, "30 minutes ago" would be yesterday and out of Today.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date().setHours(12, 0, 0, 0))
    const now = Date.now()
    log.entries = [
      makeLogEntry(1, { at: now - 3 * 86_400_000, byAgentId: 1, fromAgentId: null, toAgentId: 7 }),
      makeLogEntry(2, { at: now - 30 * MINUTE, action: 'transfer', byAgentId: 1, fromAgentId: 7, toAgentId: 8 }),
      makeLogEntry(3, { at: now - 10 * MINUTE, byAgentId: 8, fromAgentId: null, toAgentId: 8 }),
    ]
    const wrapper = await mountView()
    const filters = byRole(wrapper, 'region', 'Log History filters')
    const agent = byRole(filters, 'combobox', 'Agent')
    expect(agent.findAll('option').map((o) => o.text())).toEqual(['All agents', 'Citra Maharani', 'Dimas Pratama', 'Sari Supervisor (you)'])
    expect(allByRole(filters, 'button', 'Clear filters')).toHaveLength(0)

    await agent.setValue('7')
    await flushPromises()
    expect(rows(wrapper).map((row) => cells(row)[4])).toEqual(['Dimas Pratama', 'Citra Maharani'])
    await byRole(filters, 'combobox', 'Date').setValue('today')
    await flushPromises()
    expect(rows(wrapper).map((row) => cells(row)[1])).toEqual(['Transferred'])

    await agent.setValue('8')
    await flushPromises()
    expect(rows(wrapper).map((row) => cells(row)[0])).toEqual(['10 min. ago', '30 min. ago'])

    await byRole(filters, 'button', 'Clear filters').trigger('click')
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(3)
    expect((agent.element as HTMLSelectElement).value).toBe('')
    expect(allByRole(filters, 'button', 'Clear filters')).toHaveLength(0)
    wrapper.unmount()
  })

  it('back from a chat after midnight, drops the day that left "Last 7 days" though it was read down to it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(2026, 11, 7, 23, 50))
    const at = (day: number, seconds: number) => new Date(2026, 11, day, 12, 0, seconds).getTime()
    // Ten on 1 December, the week's first day until midnight; sixty on the 5th, more than a page.
    log.entries = [
      ...Array.from({ length: 10 }, (_, i) => makeLogEntry(i + 1, { at: at(1, i) })),
      ...Array.from({ length: 60 }, (_, i) => makeLogEntry(i + 11, { at: at(5, i) })),
    ]
    usePagesStore().show('logHistory')
    const before = await mountView()
    await byRole(before, 'combobox', 'Date').setValue('last7')
    await flushPromises()
    await byRole(before, 'button', 'Show older').trigger('click')
    await flushPromises()
    expect(rows(before)).toHaveLength(70)
    // A chat opened from the oldest entry, and closed again (as the Customer page does) after midnight.
    await rows(before).at(-1)!.trigger('click')
    await flushPromises()
    before.unmount()
    vi.setSystemTime(new Date(2026, 11, 8, 0, 10))
    useLogHistoryStore().comeBack()
    usePagesStore().show('logHistory')

    const after = await mountView()
    const ids = rows(after).map((row) => Number(row.attributes('data-id')))
    expect(ids.filter((id) => id <= 10)).toEqual([])
    expect(ids).toHaveLength(50)
    after.unmount()
  })

  it('says "1 min. ago" of a hand-off 59 s old within 15 s, redrawing only the rows whose time reads anew', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    const now = Date.now()
    log.entries = [makeLogEntry(1, { at: now - 20 * MINUTE }), makeLogEntry(2, { at: now - 59_000 })]
    // Which hand-offs' rows were drawn again: a clock passed down from the list redrew them all at every tick.
    const redrawn: string[] = []
    const noteRedraw = {
      updated(this: { $: { type: { __name?: string } }; $el: HTMLElement }) {
        if (this.$.type.__name === 'LogRow') redrawn.push(this.$el.dataset.id ?? '')
      },
    }
    const wrapper = mount(LogHistoryView, { global: { plugins: [createAppI18n('en')], mixins: [noteRedraw] }, attachTo: document.body })
    await flushPromises()
    const when = () => rows(wrapper).map((row) => cells(row)[0])
    expect(when()).toEqual(['just now', '20 min. ago'])
    redrawn.length = 0

    vi.advanceTimersByTime(15_000)
    await flushPromises()
    expect(when()).toEqual(['1 min. ago', '20 min. ago'])
    expect(redrawn).toEqual(['2'])
    wrapper.unmount()
  })

  it('says when no hand-off matches the filters, and clears them from there', async () => {
    log.entries = [makeLogEntry(1, { byAgentId: 1, fromAgentId: null, toAgentId: 7 })]
    const wrapper = await mountView()
    // The region is in the page, empty, while rows show: words put in together with their region
    // are not reliably read out, so "none match" must land in one already there.
    const regions = allByRole(wrapper, 'status', '').map((region) => region.element)
    await byRole(wrapper, 'combobox', 'Agent').setValue('8')
    await flushPromises()
    const none = byRole(wrapper, 'status', /^No hand-offs match these filters/)
    expect(regions).toContain(none.element)
    // It names what narrowed the log: the agent, not a time nobody chose.
    expect(none.text()).toContain('This agent has no hand-offs kept on this computer.')
    expect(allByRole(wrapper, 'status', /^No hand-offs yet/)).toHaveLength(0)
    await byRole(none, 'button', 'Clear filters').trigger('click')
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(1)
    wrapper.unmount()
  })

  it('hands the keyboard to the entry now in its place when the focused one leaves the log, and to the log when none is left', async () => {
    log.entries = [makeLogEntry(1), makeLogEntry(2), makeLogEntry(3)]
    const wrapper = await mountView()
    const focused = () => document.activeElement?.getAttribute('data-id') ?? document.activeElement?.id
    ;(rows(wrapper)[1]!.element as HTMLElement).focus()
    expect(focused()).toBe('2')

    // Gone from the log (pruned past the window): the next older entry takes the keyboard.
    log.entries = log.entries.filter((entry) => entry.id !== 2)
    fake.emit('log:changed', {})
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(2)
    expect(focused()).toBe('1')

    // The last one left goes too: the log's panel takes it, as the skip link leads there.
    log.entries = []
    fake.emit('log:changed', {})
    await flushPromises()
    expect(wrapper.find('[role="table"]').exists()).toBe(false)
    expect(focused()).toBe('log-history-panel')
    wrapper.unmount()
  })

  it('says, only while the server is out of reach, that the log is as of the last sync, once, in a region already there', async () => {
    const connection = useConnectionStore()
    connection.state = { status: 'online', lastSyncedAt: 1, server: 'https://oca.example', error: null }
    log.entries = [makeLogEntry(1)]
    const wrapper = await mountView()
    const note = /^Offline: showing hand-offs as of the last sync/
    expect(allByRole(wrapper, 'status', note)).toHaveLength(0)
    const regions = allByRole(wrapper, 'status', '').map((region) => region.element)

    connection.state = { ...connection.state, status: 'offline', error: 'ECONNREFUSED' }
    await flushPromises()
    const offline = byRole(wrapper, 'status', note)
    expect(offline.text()).toBe('Offline: showing hand-offs as of the last sync. Assignments you queue appear here once sent.')
    // Put in a region that was already in the page: words put in with their region are not reliably read out.
    expect(regions).toContain(offline.element)
    // A failed sync while still offline changes nothing there: nothing is read out again.
    const changes = new MutationObserver(() => undefined)
    changes.observe(offline.element, { childList: true, characterData: true, subtree: true })
    connection.state = { ...connection.state, error: 'ETIMEDOUT', lastSyncedAt: 2 }
    await flushPromises()
    expect(changes.takeRecords()).toEqual([])
    changes.disconnect()
    expect(byRole(wrapper, 'status', note).element).toBe(offline.element)

    connection.state = { ...connection.state, status: 'syncing', error: null }
    await flushPromises()
    expect(allByRole(wrapper, 'status', note)).toHaveLength(0)
    connection.state = { ...connection.state, status: 'online' }
    await flushPromises()
    expect(allByRole(wrapper, 'status', note)).toHaveLength(0)
    wrapper.unmount()
  })

  it('says it is offline in Bahasa Indonesia too', async () => {
    useConnectionStore().state = { status: 'offline', lastSyncedAt: 1, server: 'https://oca.example', error: 'ECONNREFUSED' }
    const wrapper = await mountView('id')
    expect(byRole(wrapper, 'status', /^Offline: menampilkan penugasan dan pengalihan per sinkronisasi terakhir\./).exists()).toBe(true)
    wrapper.unmount()
  })

  it('speaks Bahasa Indonesia', async () => {
    log.entries = [makeLogEntry(1, { action: 'transfer', fromAgentId: 8, byAgentId: 1 })]
    const wrapper = await mountView('id')
    expect(allByRole(wrapper, 'columnheader').map((h) => h.text())).toEqual(['Waktu', 'Tindakan', 'Pelanggan', 'Dari', 'Ke', 'Oleh'])
    const row = rows(wrapper)[0]!
    expect(cells(row)[1]).toBe('Dialihkan')
    expect(cells(row).at(-1)).toBe('Sari Supervisor (Anda)')
    wrapper.unmount()
  })
})
