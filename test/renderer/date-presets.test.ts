import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcInput } from '../../shared/ipc/contract'
import CustomerView from '../../renderer/src/views/CustomerView.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { emptyFilters, writePageState, type DateRange } from '../../renderer/src/stores/page-state'
import { createFakeObserve, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  vi.setSystemTime(new Date(2025, 5, 15, 23, 58))
  setActivePinia(createPinia())
  window.localStorage.clear()
  fake = createFakeObserve({
    'workspace:get': () => ({ agents: [], labels: [], channels: [], me: null, datasetId: null }),
    'conversations:counts': () => ({ all: 0, in_queue: 0, handled: 0 }),
    'conversations:list': () => ({ rows: [], nextCursor: null }),
  })
  window.observe = fake
})

afterEach(() => {
  vi.useRealTimers()
  delete window.observe
})

/** The date range the table last asked for. */
const lastFrom = (): number | undefined =>
  fake.calls.filter((c) => c.channel === 'conversations:list').map((c) => (c.input as IpcInput<'conversations:list'>).filters?.from).at(-1)

async function mountWith(date: DateRange) {
  writePageState({ tab: 'all', filters: { ...emptyFilters(), date } }, null)
  const wrapper = mount(CustomerView, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('a relative date preset', () => {
  it('moves on to the new day at local midnight', async () => {
    const wrapper = await mountWith({ preset: 'today' })
    expect(lastFrom()).toBe(new Date(2025, 5, 15).getTime())
    await vi.advanceTimersByTimeAsync(3 * 60_000)
    expect(lastFrom()).toBe(new Date(2025, 5, 16).getTime())
    wrapper.unmount()
  })

  it('moves on when the page comes back into view on a later day', async () => {
    const wrapper = await mountWith({ preset: 'last7' })
    expect(lastFrom()).toBe(new Date(2025, 5, 9).getTime())
    // Asleep past midnight: the clock moved on without the timer.
    vi.setSystemTime(new Date(2025, 5, 17, 8, 0))
    document.dispatchEvent(new Event('visibilitychange'))
    await flushPromises()
    expect(lastFrom()).toBe(new Date(2025, 5, 11).getTime())
    wrapper.unmount()
  })

  it('moves on within a tick of the clock when the machine slept past midnight with the page in view', async () => {
    const wrapper = await mountWith({ preset: 'last7' })
    expect(lastFrom()).toBe(new Date(2025, 5, 9).getTime())
    // Asleep from 23:58 to 8:00 with the window shown: no visibility change, and the midnight
    // timer still has its two minutes to run, counted on a clock that stood still.
    vi.setSystemTime(new Date(2025, 5, 16, 8, 0))
    await vi.advanceTimersByTimeAsync(15_000)
    expect(lastFrom()).toBe(new Date(2025, 5, 10).getTime())
    wrapper.unmount()
  })

  it('leaves a custom range as it is', async () => {
    const wrapper = await mountWith({ preset: 'custom', from: '2025-06-01', to: '2025-06-03' })
    const listCalls = () => fake.calls.filter((c) => c.channel === 'conversations:list').length
    const before = listCalls()
    await vi.advanceTimersByTimeAsync(3 * 60_000)
    expect(listCalls()).toBe(before)
    wrapper.unmount()
  })
})
