import { expect, it } from 'vitest'
import { backoffDelay } from '../../../electron/main/sync/backoff'

it('grows exponentially up to the cap, jittered within the upper half of each bound', () => {
  const options = { baseMs: 100, maxMs: 1000 }
  expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, options, () => 1))).toEqual([100, 200, 400, 800, 1000])
  expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, options, () => 0))).toEqual([50, 100, 200, 400, 500])
})
