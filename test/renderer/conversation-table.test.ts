import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import ChannelBadge from '../../renderer/src/components/conversations/ChannelBadge.vue'
import ConversationTable from '../../renderer/src/components/conversations/ConversationTable.vue'
import WaitingCell from '../../renderer/src/components/conversations/WaitingCell.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import type { ConversationList } from '../../renderer/src/stores/conversations'
import { DEFAULT_SETTINGS } from '../../shared/ipc/settings'
import { useSettingsStore } from '../../renderer/src/stores/settings'
import { DEFAULT_ALERT_MS, WARN_SHARE } from '../../renderer/src/utils/waiting'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { createFakeObserve, makeConversation, makeOutboxAction } from './support/fake-observe'

beforeEach(() => {
  setActivePinia(createPinia())
  window.observe = createFakeObserve()
})

afterEach(() => {
  vi.useRealTimers()
  delete window.observe
})

function list(count: number, overrides: Partial<ConversationList> = {}, base = 0): ConversationList {
  return {
    records: Array.from({ length: count }, (_, i) => makeConversation(base + i + 1)),
    base,
    fromEnd: null,
    cursor: 'next',
    hasMore: true,
    hasBefore: base > 0,
    isFetching: false,
    error: null,
    loaded: true,
    stale: false,
    ...overrides,
  }
}

function mountTable(props: Partial<InstanceType<typeof ConversationTable>['$props']> & { list: ConversationList }) {
  return mount(ConversationTable, {
    props: { tab: 'all', selectedId: null, total: 1_000_000, ...props },
    global: { plugins: [createAppI18n('en')] },
    attachTo: document.body,
  })
}

describe('what a screen reader hears of a row', () => {
  it('describes every row as opening its conversation, in the language shown', () => {
    for (const [locale, words] of [['en', 'Press Enter to open the conversation'], ['id', 'Tekan Enter untuk membuka percakapan']] as const) {
      const wrapper = mount(ConversationTable, {
        props: { tab: 'all', selectedId: null, total: 40, list: list(40, { hasMore: false }) },
        global: { plugins: [createAppI18n(locale)] },
        attachTo: document.body,
      })
      const rows = wrapper.findAll('[role="rowgroup"] + [role="rowgroup"] [role="row"]')
      expect(rows.length).toBeGreaterThan(5)
      for (const row of rows) expect(row.attributes('aria-description')).toBe(words)
      // The header row opens nothing, so it says nothing of the kind.
      expect(wrapper.get('[role="columnheader"]').element.closest('[role="row"]')!.hasAttribute('aria-description')).toBe(false)
      wrapper.unmount()
    }
  })
})

describe('the conversation table', () => {
  it('renders a window of rows, not all of them, and counts every row of the tab', () => {
    const wrapper = mountTable({ list: list(1000, {}, 20_000) })
    const rows = wrapper.findAll('[role="rowgroup"] + [role="rowgroup"] [role="row"]')
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(60)
    // The header row is row 1; data rows count from 2, at their place in the whole tab.
    expect(wrapper.get('[role="table"]').attributes('aria-rowcount')).toBe('1000001')
    expect(rows[0]!.attributes('aria-rowindex')).toBe('20002')
    expect(wrapper.get('[role="columnheader"][aria-sort="descending"]').text()).toContain('Last activity')
    expect(wrapper.get('.foot').text()).toMatch(/^Rows 20,001–20,\d+ of 1,000,000$/)
    expect(wrapper.get('.foot').classes()).not.toContain('blank')
    wrapper.unmount()
  })

  it("numbers the rows at the tab's end from its total, whatever came in above since the pages were read", () => {
    // Read as pages 30 to 30 and a bit (from row 3,001), but 4 rows came in above since: the end is row 3,046.
    const wrapper = mountTable({ list: list(42, { hasMore: false }, 3000), total: 3046 })
    const rows = wrapper.findAll('[role="rowgroup"] + [role="rowgroup"] [role="row"]')
    expect(rows[0]!.attributes('aria-rowindex')).toBe('3006')
    expect(wrapper.get('.foot').text()).toMatch(/^Rows 3,005–3,0\d\d of 3,046$/)
    wrapper.unmount()
  })

  it('numbers a window holding the tab from its first row from 1, while the count has moved on ahead of the rows', () => {
    // Handled held 2 chats; a bulk assignment added 2. The count was pushed with the cache's change,
    // the list reads its rows again a moment later: until then it shows the 2 it read, rows 1 and 2.
    for (const fromEnd of [null, 0]) {
      const wrapper = mountTable({ tab: 'handled', list: list(2, { hasMore: false, fromEnd }), total: 4 })
      const rows = wrapper.findAll('[role="rowgroup"] + [role="rowgroup"] [role="row"]')
      expect(rows).toHaveLength(2)
      expect(wrapper.get('.foot').text()).toBe('Rows 1–2 of 4')
      expect(rows[0]!.attributes('aria-rowindex')).toBe('2')
      wrapper.unmount()
    }
  })

  it("numbers a window read from the tab's end from its total, and leaves the places out without one", () => {
    // The window's last row has 200 rows after it, of 5,000: its first row is row 4,701.
    let wrapper = mountTable({ list: list(100, { fromEnd: 200, hasBefore: true }), total: 5000 })
    const first = () => wrapper.findAll('[role="rowgroup"] + [role="rowgroup"] [role="row"]')[0]!
    expect(first().attributes('aria-rowindex')).toBe('4702')
    expect(wrapper.get('.foot').text()).toMatch(/^Rows 4,701–4,7\d\d of 5,000$/)
    wrapper.unmount()
    wrapper = mountTable({ list: list(100, { fromEnd: 200, hasBefore: true }), total: null })
    expect(first().attributes('aria-rowindex')).toBeUndefined()
    wrapper.unmount()
  })

  it('reads the list from its end for End, and from its start for Home, when rows lie beyond the window', async () => {
    // Scrolling needs layout: each key gets a fresh table.
    const press = async (key: string, overrides: Partial<ConversationList>, ctrlKey = false) => {
      const readEdge = vi.fn(async () => {})
      const wrapper = mountTable({ list: list(40, overrides, 500), readEdge })
      await wrapper.get('[role="row"][data-id]').trigger('keydown', { key, ctrlKey })
      wrapper.unmount()
      return readEdge.mock.calls
    }
    expect(await press('End', {}, true)).toEqual([['end']])
    expect(await press('Home', { hasBefore: true })).toEqual([['start']])
    // Nothing beyond the loaded rows: End goes to the last of them, as before.
    expect(await press('End', { hasMore: false })).toEqual([])
  }, 15_000)

  // Arrow keys need layout to scroll by; the Chromium e2e test covers them.
  it('gives one row the tab stop (roving tabindex) and opens a row with Enter', async () => {
    const wrapper = mountTable({ list: list(40) })
    const rows = () => wrapper.findAll('[role="row"][data-id]')
    expect(rows().filter((r) => r.attributes('tabindex') === '0').map((r) => r.attributes('data-id'))).toEqual(['1'])
    await rows()[1]!.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('open')?.at(-1)).toEqual([2])
    wrapper.unmount()
  })

  // A plain table has no selection: aria-selected there means nothing, and "selected" is the queue's checkboxes.
  it('marks the conversation open in the detail panel as the current row, not a selected one', () => {
    const wrapper = mountTable({ list: list(5), selectedId: 3 })
    const marked = (attr: string) => wrapper.findAll('[role="row"][data-id]').filter((r) => r.attributes(attr) !== undefined).map((r) => r.attributes('data-id'))
    expect(marked('aria-current')).toEqual(['3'])
    expect(wrapper.get('[data-id="3"]').attributes('aria-current')).toBe('true')
    expect(marked('aria-selected')).toEqual([])
    wrapper.unmount()
  })

  // Moving the tab stop re-renders the window, which needs layout: the Chromium e2e test covers it.
  it("puts only the tab-stop row's Select and Assign in the tab order", () => {
    const wrapper = mountTable({ tab: 'in_queue', list: list(5, { hasMore: false }), total: 5 })
    const inTabOrder = () =>
      wrapper
        .findAll('[role="row"][data-id] input, [role="row"][data-id] button')
        .filter((control) => control.attributes('tabindex') !== '-1')
        .map((control) => control.attributes('aria-label'))
    expect(inTabOrder()).toEqual(['Select Customer 1', 'Assign Customer 1'])
    // Every row still has its controls, for the pointer and for a row reached with the arrows.
    expect(wrapper.findAll('[role="row"][data-id] button').length).toBe(5)
    wrapper.unmount()
  })

  it("marks a refused action in its row as Refused, the why in the tooltip and for screen readers", () => {
    const records = [makeConversation(1, { status: 'handled', agentId: 7, lastAgentId: 7 })]
    const rejection = { code: 'conflict' as const, message: 'taken', handledBy: { agentId: 9, name: 'Rani' }, agent: null }
    const outbox = useOutboxStore()
    outbox.actions = new Map([[5, makeOutboxAction(5, { conversationId: 1, customerName: 'Customer 1', state: 'rejected', rejection })]])
    const wrapper = mountTable({ list: list(0, { records, hasMore: false }), total: 1 })
    const mark = wrapper.get('[role="row"][data-id="1"] .mark.rejected')
    expect(mark.get('[aria-hidden="true"]').text()).toBe('Refused')
    expect(mark.get('.visually-hidden').text()).toBe('Customer 1 is already handled by Rani')
    expect(mark.attributes('title')).toBe('Customer 1 is already handled by Rani')
    expect(mark.get('button').attributes('aria-label')).toContain('Customer 1')
    wrapper.unmount()
  })

  it('marks the search in names and handles with text nodes only', () => {
    const records = [makeConversation(1, { customer: { id: 1, name: 'Budi <b>Santoso</b>', handle: 'budi@example.com' } })]
    const wrapper = mountTable({ list: list(0, { records, hasMore: false }), total: 1, query: 'budi' })
    const marks = wrapper.findAll('mark')
    expect(marks.map((m) => m.text())).toEqual(['Budi', 'budi'])
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.get('[role="row"][data-id="1"]').text()).toContain('<b>Santoso</b>')
    wrapper.unmount()
  })

  it('shows a queued chat’s wait beside Assign on a tab without a Waiting column, and titles an awaiting reply’s clock', () => {
    const records = [
      makeConversation(1, { status: 'in_queue', agentId: null, queuedAt: Date.now() - 3 * 60_000 }),
      makeConversation(2, { status: 'handled', agentId: 7, lastMessage: { text: 'Halo?', at: Date.now() - 60_000, direction: 'in' } }),
    ]
    const all = mountTable({ list: list(0, { records, hasMore: false }), total: 2 })
    expect(all.get('[role="row"][data-id="1"] .col-agent .waiting time').text()).toMatch(/^3:0\d$/)
    expect(all.get('[role="row"][data-id="2"] .awaiting-reply').attributes('title')).toBe('Awaiting reply')
    all.unmount()
  })

  it('shows each row’s ticket number, marked when the search is for it', () => {
    const records = [makeConversation(1, { ticketNo: 14992 }), makeConversation(2, { ticketNo: 10234 })]
    const wrapper = mountTable({ list: list(0, { records, hasMore: false }), total: 2, query: '1499' })
    expect(wrapper.get('[role="row"][data-id="2"] .ticket').text()).toBe('#10234')
    expect(wrapper.get('[role="row"][data-id="1"] .ticket mark').text()).toBe('1499')
    wrapper.unmount()
  })

  it('gives the name, handle, channel and agent, which may end in an ellipsis, a tooltip with the whole text', () => {
    const name = 'Raden Ajeng Kartini Sosroningrat Wijayakusuma'
    const handle = 'raden.ajeng.kartini.sosroningrat@example.co.id'
    const records = [makeConversation(1, { status: 'resolved', channel: 'facebook_comment', customer: { id: 1, name, handle } })]
    const wrapper = mountTable({ list: list(0, { records, hasMore: false }), total: 1 })
    const row = wrapper.get('[role="row"][data-id="1"]')
    expect(row.get('.name').attributes('title')).toBe(name)
    expect(row.get('.handle').attributes('title')).toBe(handle)
    expect(row.get('.channel').attributes('title')).toBe('Facebook comment')
    const agent = row.get('.col-agent .agent')
    expect(agent.attributes('title')).toBe(agent.text())
    // Resolved with no agent ever (the bot closed it): nobody, not "nobody yet".
    expect(agent.text()).toBe('No agent')
    wrapper.unmount()
  })

  it("names the channel's account in its tooltip when the workspace knows it", () => {
    const badge = mount(ChannelBadge, { props: { kind: 'facebook_comment', account: 'Observe Indonesia' }, global: { plugins: [createAppI18n('en')] } })
    expect(badge.attributes('title')).toBe('Facebook comment · Observe Indonesia')
    badge.unmount()
  })

  it('says why it is empty, and offers to clear the filters when they are the reason', async () => {
    const empty = list(0, { hasMore: false })
    const filtered = mountTable({ list: empty, total: 0, filtered: true })
    expect(filtered.text()).toContain('No conversations match these filters')
    await filtered.findAll('button').find((b) => b.text() === 'Clear filters')!.trigger('click')
    expect(filtered.emitted('clearFilters')).toHaveLength(1)
    // No rows to count: the footer under the list draws no empty strip.
    expect(filtered.get('.foot').classes()).toContain('blank')
    filtered.unmount()

    const queue = mountTable({ tab: 'in_queue', list: empty, total: 0 })
    expect(queue.text()).toContain('Nobody is waiting')
    queue.unmount()
  })

  it("announces nothing itself while loading or empty: the page's one count says how many are left", () => {
    // A status here as well was heard with the page's count: four announcements for one search with no match.
    const loading = mountTable({ list: list(0, { loaded: false, isFetching: true }) })
    expect(loading.findAll('[role="status"], [aria-live]')).toHaveLength(0)
    loading.unmount()
    for (const filtered of [true, false]) {
      const empty = mountTable({ list: list(0, { hasMore: false }), total: 0, filtered })
      expect(empty.text()).toContain(filtered ? 'No conversations match these filters' : 'No conversations')
      expect(empty.findAll('[role="status"], [aria-live]')).toHaveLength(0)
      empty.unmount()
    }
  })

  it('says, before the first sync, that conversations are on their way, not that nobody waits', async () => {
    const connection = useConnectionStore()
    connection.state = { status: 'syncing', lastSyncedAt: null, server: 'https://oca.example', error: null }
    const empty = list(0, { hasMore: false })
    const queue = mountTable({ tab: 'in_queue', list: empty, total: 0 })
    expect(queue.text()).toContain('Conversations are still on their way')
    expect(queue.text()).not.toContain('Nobody is waiting')
    connection.state = { ...connection.state, status: 'online', lastSyncedAt: 1 }
    await nextTick()
    expect(queue.text()).toContain('Nobody is waiting')
    queue.unmount()
  })

  it('shows skeleton rows while loading and says what to do on an error', async () => {
    const loading = mountTable({ list: list(0, { loaded: false, isFetching: true }) })
    expect(loading.findAll('.skeleton-row').length).toBeGreaterThan(5)
    expect(loading.text()).toContain('Loading conversations')
    loading.unmount()

    const failed = mountTable({ list: list(0, { loaded: false, error: 'internal' }) })
    expect(failed.get('[role="alert"]').text()).toContain('Try again')
    await failed.get('[role="alert"] button').trigger('click')
    expect(failed.emitted('retry')).toHaveLength(1)
    failed.unmount()
  })

  it('shows the waiting time in the queue, amber past the first threshold and red past the second, not by colour alone', () => {
    const now = Date.now()
    const records = [
      makeConversation(1, { queuedAt: now - 30_000 }),
      makeConversation(2, { queuedAt: now - DEFAULT_ALERT_MS * WARN_SHARE - 5_000 }),
      makeConversation(3, { queuedAt: now - DEFAULT_ALERT_MS - 5_000 }),
    ]
    const wrapper = mountTable({ tab: 'in_queue', list: list(0, { records, hasMore: false }), total: 3 })
    const cell = (id: number) => wrapper.get(`[data-id="${id}"] .waiting`)
    expect([1, 2, 3].map((id) => cell(id).attributes('data-level'))).toEqual(['ok', 'warn', 'alert'])
    expect(cell(1).get('time').text()).toMatch(/^0:[23]\d$/)
    // The time and its level in words for screen readers, and in the shape of its mark for the eye.
    const words = [1, 2, 3].map((id) => cell(id).get('.visually-hidden').text())
    expect(words[0]).toBe('under a minute')
    expect(words[1]).toMatch(/^\d+ minutes?( \d+ seconds?)?, Waiting long$/)
    expect(words[2]).toMatch(/^\d+ minutes?( \d+ seconds?)?, Waiting too long$/)
    expect(new Set([1, 2, 3].map((id) => cell(id).get('svg').html())).size).toBe(3)
    wrapper.unmount()
  })

  it("keeps a waiting row's name still while the clock ticks: its words say whole minutes, under a minute before the first", async () => {
    // A screen reader says the focused row's name again whenever it changes: every second, before.
    vi.useFakeTimers()
    const now = Date.now()
    const cell = (waitedSeconds: number) => mount(WaitingCell, { props: { queuedAt: now - waitedSeconds * 1000 }, global: { plugins: [createAppI18n('en')] } })
    const long = cell(4 * 60 + 15)
    const short = cell(40)
    expect(long.get('.visually-hidden').text()).toBe('4 minutes, Waiting long')
    expect(short.get('.visually-hidden').text()).toBe('under a minute')
    vi.advanceTimersByTime(1000)
    await nextTick()
    // The clock the eye reads still counts the seconds.
    expect(long.get('time').text()).toBe('4:16')
    expect(long.get('.visually-hidden').text()).toBe('4 minutes, Waiting long')
    expect(short.get('.visually-hidden').text()).toBe('under a minute')
    vi.advanceTimersByTime(45_000)
    await nextTick()
    expect(long.get('.visually-hidden').text()).toBe('5 minutes, Waiting too long')
    expect(short.get('.visually-hidden').text()).toBe('1 minute')
    long.unmount()
    short.unmount()
    const inBahasa = (props: { queuedAt: number; atLeast?: boolean }) => mount(WaitingCell, { props, global: { plugins: [createAppI18n('id')] } })
    expect(inBahasa({ queuedAt: Date.now() - 20_000 }).get('.visually-hidden').text()).toBe('kurang dari semenit')
    expect(inBahasa({ queuedAt: Date.now() - 20_000, atLeast: true }).get('.visually-hidden').text()).toBe('sedikitnya beberapa detik')
    expect(inBahasa({ queuedAt: Date.now() - 3 * 60_000, atLeast: true }).get('.visually-hidden').text()).toMatch(/^sedikitnya 3 menit, /)
  })

  it('turns red at the waiting limit set in Settings, the one that raises the alert', async () => {
    const now = Date.now()
    const minute = 60_000
    const cells = [6, 11].map((waited) =>
      mount(WaitingCell, { props: { queuedAt: now - waited * minute, now }, global: { plugins: [createAppI18n('en')] } }),
    )
    const levels = () => cells.map((cell) => cell.get('.waiting').attributes('data-level'))
    expect(levels()).toEqual(['alert', 'alert'])
    // The store exists once the cells have asked for it (it needs the app's i18n).
    const settings = useSettingsStore()
    settings.settings = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, waitingTooLongMinutes: 10 } }
    await nextTick()
    expect(levels()).toEqual(['warn', 'alert'])
    expect(cells[1]!.get('.waiting').attributes('title')).toContain('Waiting too long')

    // With the alert turned off, red comes at the default limit.
    settings.settings = { ...settings.settings, notifications: { ...settings.settings.notifications, waitingTooLongMinutes: 0 } }
    await nextTick()
    expect(levels()).toEqual(['alert', 'alert'])
    for (const cell of cells) cell.unmount()
  })
})
