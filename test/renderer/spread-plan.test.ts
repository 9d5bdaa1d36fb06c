import { effectScope } from 'vue'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { SpreadPlan } from '../../shared/ipc/outbox'
import { SPREAD_REPLAN_MS, useSpreadPlan } from '../../renderer/src/components/assign/spread-plan'
import { createFakeObserve, flush, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve
let served = 0
const planOf = (n: number): SpreadPlan => ({ assignments: [{ conversationId: n, agentId: 1, customerName: `Customer ${n}` }], waiting: n })

beforeEach(() => {
  vi.useFakeTimers()
  served = 0
  fake = createFakeObserve({ 'outbox:planSpread': () => planOf(++served) })
  window.observe = fake
})
afterEach(() => {
  vi.useRealTimers()
  delete window.observe
})

const plans = () => fake.calls.filter((c) => c.channel === 'outbox:planSpread').length

it('plans at once, follows the floor, and plans at most twice a second however often the cache changes', async () => {
  const scope = effectScope()
  const { plan } = scope.run(() => useSpreadPlan({ filters: { search: 'x' } }))!
  await flush()
  expect(plan.value).toEqual(planOf(1))
  expect(fake.calls[0]).toEqual({ channel: 'outbox:planSpread', input: { filters: { search: 'x' } } })

  // A live burst: a change every frame for a second and a half.
  for (let t = 0; t < 1500; t += 16) {
    fake.emit('cache:changed', { conversationIds: [t], reset: false })
    await vi.advanceTimersByTimeAsync(16)
  }
  await vi.advanceTimersByTimeAsync(SPREAD_REPLAN_MS)
  await flush()
  expect(plans()).toBeGreaterThanOrEqual(3)
  expect(plans()).toBeLessThanOrEqual(1 + Math.ceil(1500 / SPREAD_REPLAN_MS) + 1)
  // The last change is in the plan shown.
  expect(plan.value).toEqual(planOf(plans()))

  // An outcome moves an agent's room without a waiting row changing.
  fake.emit('outbox:changed', { actions: [] })
  await vi.advanceTimersByTimeAsync(SPREAD_REPLAN_MS)
  await flush()
  expect(plan.value).toEqual(planOf(plans()))

  // Closed: no more reads.
  scope.stop()
  const before = plans()
  fake.emit('cache:changed', { conversationIds: [1], reset: false })
  await vi.advanceTimersByTimeAsync(SPREAD_REPLAN_MS * 2)
  expect(plans()).toBe(before)
})
