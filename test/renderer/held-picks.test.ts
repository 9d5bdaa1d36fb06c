/**
 * While Assign selected to me waits for Observe with the picks, they hold still wherever they are
 * made: the rows' boxes, Select all queued and a change of the filters leave them as the call took
 * them, so the bar and its "Assigning…" stay until the call ends.
 */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import type { Agent } from '../../shared/domain'
import type { OutboxEnqueueResult } from '../../shared/ipc/outbox'
import BulkBar from '../../renderer/src/components/assign/BulkBar.vue'
import PickAllQueued from '../../renderer/src/components/assign/PickAllQueued.vue'
import RowSelect from '../../renderer/src/components/assign/RowSelect.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { usePicksStore } from '../../renderer/src/stores/picks'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { useFiltersStore } from '../../renderer/src/stores/filters'
import CustomerView from '../../renderer/src/views/CustomerView.vue'
import { NOT_SENT } from '../../renderer/src/api/ws-bridge'
import { createFakeObserve, deferred, FakeIpcFailure, flush, makeConversation, type FakeObserve } from './support/fake-observe'
import { allByRole, byRole } from './support/roles'
import { workingButton } from './support/working-press'

const ME: Agent = { id: 1, name: 'Sari', email: 'sari@observe.demo', role: 'supervisor', presence: 'online', load: 0, quota: 5 }

let fake: FakeObserve
let answer: ReturnType<typeof deferred<OutboxEnqueueResult>>

beforeEach(async () => {
  setActivePinia(createPinia())
  // The page keeps its filters there: the search one test typed would be no change to the next.
  window.localStorage.clear()
  answer = deferred<OutboxEnqueueResult>()
  fake = createFakeObserve({
    'workspace:get': () => ({ agents: [ME], labels: [], channels: [], me: ME, datasetId: null }),
    'conversations:list': () => ({ rows: [], nextCursor: null }),
    'outbox:assign': () => answer.promise,
  })
  window.observe = fake
  await useWorkspaceStore().load()
  await useConversationsStore().setTab('in_queue')
})
afterEach(() => {
  delete window.observe
})

const rows = [11, 12, 13].map((id) => makeConversation(id, { status: 'in_queue' }))
/** The list's pick boxes (Select all queued over each queued row's own) beside the bar, as the page has them. */
const Boxes = defineComponent(() => () => h('div', [h(PickAllQueued, { rows }), ...rows.map((conversation) => h(RowSelect, { conversation }))]))
const mountPage = (locale: 'en' | 'id') => {
  const global = { plugins: [createAppI18n(locale)] }
  return { table: mount(Boxes, { global, attachTo: document.body }), bar: mount(BulkBar, { global, attachTo: document.body }) }
}

/** A box that waits with the call: heard as unavailable, still focusable, and a click leaves it as it was. */
async function pressWaiting(table: ReturnType<typeof mount>, name: string, checked: boolean): Promise<void> {
  const box = byRole(table, 'checkbox', name)
  expect(box.attributes('aria-disabled')).toBe('true')
  expect(box.attributes('disabled')).toBeUndefined()
  await box.trigger('click')
  await flush()
  expect((box.element as HTMLInputElement).checked).toBe(checked)
}

const cases = [
  { locale: 'en', toMe: 'Assign selected to me', working: 'Assigning…', select: 'Select', all: 'Select all queued', count: '2 selected', region: 'Selected conversations' },
  { locale: 'id', toMe: 'Tugaskan yang dipilih ke saya', working: 'Menugaskan…', select: 'Pilih', all: 'Pilih semua yang menunggu', count: '2 dipilih', region: 'Percakapan terpilih' },
] as const

describe('the picks while Assign selected to me waits', () => {
  for (const { locale, toMe, working, select, all, count } of cases) {
    it(`hold still: the rows' boxes and Select all queued wait until it ends (${locale})`, async () => {
      const { table, bar } = mountPage(locale)
      const picks = usePicksStore()
      for (const id of [11, 12]) await byRole(table, 'checkbox', `${select} Customer ${id}`).trigger('click')
      await flush()
      expect([...picks.selection]).toEqual([11, 12])
      await byRole(bar, 'button', toMe).trigger('click')
      await flush()
      workingButton(bar, working)

      // Neither a pick let go, nor one added: the bar's count is what the call went with.
      await pressWaiting(table, `${select} Customer 11`, true)
      await pressWaiting(table, `${select} Customer 13`, false)
      await pressWaiting(table, all, false)
      expect([...picks.selection]).toEqual([11, 12])
      expect(byRole(bar, 'status').text()).toBe(count)
      workingButton(bar, working)

      // Queued: the chats sent leave the pick, and a new pick can be made.
      answer.resolve({ actions: [], skipped: [] })
      await flush()
      expect([...picks.selection]).toEqual([])
      expect(byRole(table, 'checkbox', `${select} Customer 13`).attributes('aria-disabled')).toBeUndefined()
      await byRole(table, 'checkbox', `${select} Customer 13`).trigger('click')
      await flush()
      expect([...picks.selection]).toEqual([13])
      table.unmount()
      bar.unmount()
    })
  }
})

describe('a change of the filters while Assign selected to me waits', () => {
  for (const { locale, toMe, working, count, region } of cases) {
    it(`lets the picks go once the call ends, not under its "Assigning…" (${locale})`, async () => {
      fake.handlers['conversations:counts'] = () => ({ all: 2, in_queue: 2, handled: 0 })
      fake.handlers['outbox:assign'] = async () => {
        await answer.promise
        throw new FakeIpcFailure({ code: 'offline', message: NOT_SENT })
      }
      const page = mount(CustomerView, { global: { plugins: [createAppI18n(locale)] }, attachTo: document.body })
      await flush()
      const picks = usePicksStore()
      for (const id of [11, 12]) picks.toggleSelected(id, `Customer ${id}`, true)
      await flush()
      await byRole(page, 'button', toMe).trigger('click')
      await flush()

      useFiltersStore().filters.search = 'Nobody'
      await flush()
      workingButton(page, working)
      expect(byRole(byRole(page, 'region', region), 'status').text()).toBe(count)

      // Never sent: the picks would stay, but the rows they name are out of sight now.
      answer.resolve({ actions: [], skipped: [] })
      await expect.poll(() => [...picks.selection]).toEqual([])
      expect(allByRole(page, 'region', region)).toHaveLength(0)
      page.unmount()
    })
  }
})

describe('a switch to Handled while Assign selected to me waits', () => {
  for (const { locale, toMe, working, count, region, select } of cases) {
    it(`leaves the bar and its "Assigning…" in view until the call ends (${locale})`, async () => {
      const { table, bar } = mountPage(locale)
      const picks = usePicksStore()
      for (const id of [11, 12]) await byRole(table, 'checkbox', `${select} Customer ${id}`).trigger('click')
      await flush()
      await byRole(bar, 'button', toMe).trigger('click')
      await flush()

      await useConversationsStore().setTab('handled')
      await flush()
      const shown = byRole(bar, 'region', region)
      expect(byRole(shown, 'status').text()).toBe(count)
      workingButton(bar, working)

      // Queued: the chats sent leave the pick, and Handled has no bar for picks, as before.
      answer.resolve({ actions: [], skipped: [] })
      await flush()
      expect([...picks.selection]).toEqual([])
      expect(allByRole(bar, 'region', region)).toHaveLength(0)
      table.unmount()
      bar.unmount()
    })
  }
})
