import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import FilterBar from '../../renderer/src/components/filters/FilterBar.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { ipcContract } from '../../shared/ipc/contract'
import { dateBounds, localMidnight, startOfDay, toQuery, useFiltersStore } from '../../renderer/src/stores/filters'
import { emptyFilters, readPageState, STORAGE_KEY, writePageState } from '../../renderer/src/stores/page-state'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { createFakeObserve } from './support/fake-observe'

const AGENTS = ['Ayu Lestari', 'Bayu Saputra', 'Citra Maharani', 'Dimas Pratama', 'Fajar Nugroho', 'Gilang Ramadhan', 'Intan Permata', 'Kevin Wijaya', 'Nadia Halim']

beforeEach(() => {
  setActivePinia(createPinia())
  window.observe = createFakeObserve()
  window.localStorage.clear()
  useWorkspaceStore().workspace = {
    agents: AGENTS.map((name, i) => ({ id: i + 2, name, email: `${i}@x`, role: 'agent', presence: 'online', quota: 5, load: 1 })),
    labels: [
      { id: 1, name: 'VIP', color: '#8e4ec6' },
      { id: 2, name: 'Refund', color: '#f76b15' },
    ],
    channels: [],
    me: null,
    datasetId: null,
  }
})

afterEach(() => {
  vi.useRealTimers()
  delete window.observe
})

let wrapper: VueWrapper
function mountBar(): VueWrapper {
  wrapper = mount(FilterBar, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
  return wrapper
}
afterEach(() => wrapper?.unmount())

/** The combobox whose aria-labelledby element reads `name`. */
function combobox(name: string) {
  const found = wrapper.findAll('[role="combobox"]').find((el) => {
    const id = el.attributes('aria-labelledby')
    return id && document.getElementById(id)?.textContent?.trim() === name
  })
  if (!found) throw new Error(`no combobox named ${name}`)
  return found
}

describe('the filter bar', () => {
  it('has a combobox named by its label for each multi-select filter', () => {
    mountBar()
    for (const name of ['Conversation Type', 'Channel', 'Label', 'Last Handling Agent']) {
      const box = combobox(name)
      expect(box.attributes('aria-haspopup')).toBe('listbox')
      expect(box.attributes('aria-expanded')).toBe('false')
    }
    expect(wrapper.get('[role="searchbox"]').attributes('aria-label')).toBe('Search')
  })

  it('picks channels from a listbox of options and shows each as a removable chip', async () => {
    mountBar()
    const store = useFiltersStore()
    await combobox('Channel').trigger('click')
    const listbox = wrapper.get('[role="listbox"]')
    expect(listbox.attributes('aria-multiselectable')).toBe('true')
    const options = listbox.findAll('[role="option"]')
    expect(options.map((o) => o.text())).toContain('WhatsApp')
    await options.find((o) => o.text() === 'Email')!.trigger('click')
    await options.find((o) => o.text() === 'Telegram')!.trigger('click')
    expect(store.filters.channels).toEqual(['email', 'telegram'])
    expect(wrapper.get('[role="listbox"]').findAll('[aria-selected="true"]')).toHaveLength(2)
    expect(combobox('Channel').text()).toContain('2 selected')

    const chip = wrapper.get('button[aria-label="Remove filter Email"]')
    await chip.trigger('click')
    expect(store.filters.channels).toEqual(['telegram'])
  })

  it('offers a search inside a long list, and keyboard selection', async () => {
    mountBar()
    await combobox('Last Handling Agent').trigger('click')
    const find = wrapper.get('input[aria-label="Find in Last Handling Agent"]')
    await find.setValue('ma')
    const names = wrapper.get('[role="listbox"]').findAll('[role="option"]').map((o) => o.text())
    const expected = AGENTS.filter((a) => a.toLowerCase().includes('ma'))
    expect(names).toEqual(expected)
    await find.trigger('keydown', { key: 'ArrowDown' })
    await find.trigger('keydown', { key: 'Enter' })
    expect(useFiltersStore().filters.agentIds).toEqual([AGENTS.indexOf(expected[1]!) + 2])
    // A short list has no search.
    await combobox('Channel').trigger('click')
    expect(wrapper.find('input[aria-label="Find in Channel"]').exists()).toBe(false)
  })

  it('keeps the option the keys moved to while the workspace reloads under the open list', async () => {
    mountBar()
    const workspace = useWorkspaceStore()
    await combobox('Last Handling Agent').trigger('click')
    const find = wrapper.get('input[aria-label="Find in Last Handling Agent"]')
    for (let i = 0; i < 4; i++) await find.trigger('keydown', { key: 'ArrowDown' })
    expect(wrapper.get('[role="option"].current').text()).toBe('Fajar Nugroho')
    // A reload moves loads (same names), then one brings a new agent sorted before the rest.
    workspace.workspace = { ...workspace.workspace!, agents: workspace.workspace!.agents.map((a) => ({ ...a, load: a.load + 1 })) }
    await wrapper.vm.$nextTick()
    const newcomer = { id: 99, name: 'Adi Nugraha', email: 'adi@x', role: 'agent' as const, presence: 'online' as const, quota: 5, load: 0 }
    workspace.workspace = { ...workspace.workspace, agents: [...workspace.workspace.agents, newcomer] }
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[role="option"].current').text()).toBe('Fajar Nugroho')
    await find.trigger('keydown', { key: 'Enter' })
    expect(useFiltersStore().filters.agentIds).toEqual([AGENTS.indexOf('Fajar Nugroho') + 2])
  })

  it('searches only once typing settles', async () => {
    vi.useFakeTimers()
    mountBar()
    const store = useFiltersStore()
    const box = wrapper.get('[role="searchbox"]')
    await box.setValue('bu')
    await box.setValue('budi')
    await vi.advanceTimersByTimeAsync(200)
    expect(store.filters.search).toBe('')
    await vi.advanceTimersByTimeAsync(100)
    expect(store.filters.search).toBe('budi')
    wrapper.get('button[aria-label="Remove filter “budi”"]')
  })

  it('clears every filter with Clear filters, offered only when a filter is on', async () => {
    mountBar()
    const store = useFiltersStore()
    const clearButton = () => wrapper.findAll('button').find((b) => b.text() === 'Clear filters')
    expect(clearButton()).toBeUndefined()
    store.set({ types: ['outbox'], labelIds: [1], date: { preset: 'last7' }, search: 'x' })
    await wrapper.vm.$nextTick()
    expect(wrapper.findAll('.chip')).toHaveLength(4)
    await clearButton()!.trigger('click')
    expect(store.filters).toEqual(emptyFilters())
    await wrapper.vm.$nextTick()
    expect(clearButton()).toBeUndefined()
  })

  it("keeps the keyboard in the bar as filters go: on the next chip, else the one before, else the search box, never the page's body", async () => {
    mountBar()
    const store = useFiltersStore()
    store.set({ channels: ['whatsapp', 'email', 'telegram'] })
    await wrapper.vm.$nextTick()
    const chip = (name: string) => wrapper.get(`button[aria-label="Remove filter ${name}"]`)
    const press = async (button: ReturnType<typeof chip>) => {
      ;(button.element as HTMLElement).focus()
      await button.trigger('click')
      await wrapper.vm.$nextTick()
    }
    await press(chip('Email'))
    expect(document.activeElement).toBe(chip('Telegram').element)
    await press(chip('Telegram'))
    expect(document.activeElement).toBe(chip('WhatsApp').element)
    await press(chip('WhatsApp'))
    expect(store.filters.channels).toEqual([])
    expect(document.activeElement).toBe(wrapper.get('[role="searchbox"]').element)

    // Clear filters goes with the chips it clears.
    store.set({ channels: ['email'], labelIds: [1] })
    await wrapper.vm.$nextTick()
    await press(wrapper.findAll('button').find((b) => b.text() === 'Clear filters')!)
    expect(store.filters).toEqual(emptyFilters())
    expect(document.activeElement).toBe(wrapper.get('[role="searchbox"]').element)
  })
})

describe('filter queries', () => {
  it('treat both conversation types as no type filter', () => {
    expect(toQuery({ ...emptyFilters(), types: ['inbox', 'outbox'] })).toEqual({})
    expect(toQuery({ ...emptyFilters(), types: ['outbox'], search: '  budi ' })).toEqual({ type: 'outbox', search: 'budi' })
  })

  it('turn date presets into local-day ranges and include the last day of a custom range', () => {
    const now = new Date(2025, 5, 15, 13, 30).getTime()
    expect(dateBounds({ preset: 'today' }, now)).toEqual({ from: new Date(2025, 5, 15).getTime(), to: new Date(2025, 5, 16).getTime() })
    expect(dateBounds({ preset: 'last7' }, now)).toEqual({ from: new Date(2025, 5, 9).getTime(), to: startOfDay(now, 1) })
    expect(dateBounds({ preset: 'custom', from: '2025-06-01', to: '2025-06-03' }, now)).toEqual({
      from: new Date(2025, 5, 1).getTime(),
      to: new Date(2025, 5, 4).getTime(),
    })
    expect(dateBounds({ preset: 'custom', from: null, to: null }, now)).toBeNull()
  })

  it('leave out a custom bound no query could take: before 1970, or past the last date there is', () => {
    const now = new Date(2025, 5, 15, 13, 30).getTime()
    expect(dateBounds({ preset: 'custom', from: '1969-12-01', to: '2025-06-03' }, now)).toEqual({ to: new Date(2025, 5, 4).getTime() })
    expect(dateBounds({ preset: 'custom', from: '2025-06-01', to: '275760-09-13' }, now)).toEqual({ from: new Date(2025, 5, 1).getTime() })
    // A range that ends before 1970 holds nothing, rather than everything once its end is left out.
    expect(dateBounds({ preset: 'custom', from: '1960-01-01', to: '1969-12-31' }, now)).toEqual({ to: Math.max(0, new Date(1970, 0, 1).getTime()) })
    // Years below 100 are those years, not the 1900s.
    expect(new Date(dateBounds({ preset: 'custom', from: '0026-01-01', to: '0026-03-01' }, now)!.to ?? 0).getTime()).toBe(0)
    expect(new Date(localMidnight(26, 0, 1)).getFullYear()).toBe(26)
    // What is left is a query the contract takes.
    expect(ipcContract['conversations:list'].input.safeParse({ tab: 'all', filters: toQuery({ ...emptyFilters(), date: { preset: 'custom', from: '0026-01-01', to: '275760-09-13' } }) }).success).toBe(true)
  })
})

describe('the stored page state', () => {
  it('round-trips and ignores garbage', () => {
    const state = { tab: 'in_queue' as const, filters: { ...emptyFilters(), channels: ['email' as const], date: { preset: 'last30' as const } } }
    writePageState(state, null)
    expect(readPageState(null)).toEqual(state)
    for (const garbage of ['{', 'null', '{"tab":"all"}', '{"tab":"x","filters":{}}', JSON.stringify({ ...state, filters: { ...state.filters, channels: ['fax'] } })]) {
      window.localStorage.setItem(STORAGE_KEY, garbage)
      expect(readPageState(null)).toBeNull()
    }
  })
})
