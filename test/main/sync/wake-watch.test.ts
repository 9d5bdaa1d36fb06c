import { afterEach, expect, it, vi } from 'vitest'
import { WAKE_CHECK_MS, WakeWatch } from '../../../electron/main/sync/wake-watch'

afterEach(() => {
  vi.useRealTimers()
})

/** A watch on clocks the test moves, checked as its timer falls due. */
function watched(): { wakes: number[]; wall: { at: number }; monotonic: { at: number }; tick: () => void; stop: () => void } {
  vi.useFakeTimers()
  const wall = { at: 1_700_000_000_000 }
  const monotonic = { at: 5_000 }
  const wakes: number[] = []
  const watch = new WakeWatch((lost) => wakes.push(lost), { wall: () => wall.at, monotonic: () => monotonic.at })
  watch.start()
  const tick = (): void => {
    wall.at += WAKE_CHECK_MS
    monotonic.at += WAKE_CHECK_MS
    vi.advanceTimersByTime(WAKE_CHECK_MS)
  }
  return { wakes, wall, monotonic, tick, stop: () => watch.stop() }
}

it('tells a sleep, which only the wall clock saw pass, and a pause, which both clocks saw', () => {
  const { wakes, wall, monotonic, tick, stop } = watched()
  tick()
  tick()
  expect(wakes).toEqual([])
  // The laptop slept two minutes: the monotonic clock stood still.
  wall.at += 120_000
  tick()
  expect(wakes).toEqual([120_000])
  // The process was stopped for a minute (SIGSTOP): both clocks moved, the timer came late.
  wall.at += 60_000
  monotonic.at += 60_000
  tick()
  expect(wakes).toEqual([120_000, 60_000])
  stop()
})

it('takes neither a wall clock set back nor a stall of a few seconds for a sleep', () => {
  const { wakes, wall, monotonic, tick, stop } = watched()
  wall.at -= 3_600_000
  tick()
  wall.at += 4_000
  monotonic.at += 4_000
  tick()
  tick()
  expect(wakes).toEqual([])
  stop()
})
