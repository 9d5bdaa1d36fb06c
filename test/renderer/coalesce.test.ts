import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { coalesce } from '../../renderer/src/utils/coalesce'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** A read that finishes when told, counting its runs. */
function gatedRead() {
  const gates: (() => void)[] = []
  const read = vi.fn(() => new Promise<void>((resolve) => gates.push(resolve)))
  return { read, open: () => gates.shift()?.() }
}

it('runs once at a time: calls during a run ask for one more run after it, and every caller hears when it is done', async () => {
  const { read, open } = gatedRead()
  const load = coalesce(read)
  const first = load()
  const second = load()
  const third = load()
  expect(read).toHaveBeenCalledTimes(1)
  let secondDone = false
  void second.then(() => (secondDone = true))
  open()
  await vi.advanceTimersByTimeAsync(0)
  expect(read).toHaveBeenCalledTimes(2)
  expect(secondDone).toBe(false)
  open()
  await Promise.all([first, second, third])
  expect(read).toHaveBeenCalledTimes(2)
  // Idle again: the next call runs at once.
  const fourth = load()
  expect(read).toHaveBeenCalledTimes(3)
  open()
  await fourth
})

it('spaces the starts of runs, and runs no more once stopped', async () => {
  const read = vi.fn(() => Promise.resolve())
  const load = coalesce(read, 500)
  await load()
  void load()
  await vi.advanceTimersByTimeAsync(499)
  expect(read).toHaveBeenCalledTimes(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(read).toHaveBeenCalledTimes(2)
  void load()
  load.stop()
  await vi.advanceTimersByTimeAsync(1_000)
  expect(read).toHaveBeenCalledTimes(2)
})
