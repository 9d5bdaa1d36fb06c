/** The queue watcher's timer against a stand-in core: only the clock matters here. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../../electron/main/core'
import { DEFAULT_PLANNER_SETTINGS, NotificationPlanner } from '../../../electron/main/notify/planner'
import { watchQueue } from '../../../electron/main/notify/queue-watcher'
import type { TrayState } from '../../../electron/main/notify/tray-state'

/** A core with an empty queue that never changes. */
const quietCore: Core = {
  start: async () => {},
  stop: async () => {},
  on: () => () => {},
  handle: async (channel) =>
    ({
      ok: true,
      value: channel === 'conversations:list' ? { rows: [], nextCursor: null } : channel === 'outbox:list' ? { actions: [] } : { all: 0, in_queue: 0, handled: 0 },
    }) as never,
}

afterEach(() => vi.useRealTimers())

describe('the tray across midnight', () => {
  it('is drawn again when the day changes, so a wait that began yesterday is shown with its day', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(new Date(2026, 11, 3, 23, 59, 20))
    const trays: TrayState[] = []
    const watcher = watchQueue({ core: quietCore, planner: new NotificationPlanner(DEFAULT_PLANNER_SETTINGS), onNotices: () => {}, onTray: (t) => trays.push(t), overdueEveryMs: 15_000 })
    watcher.refresh()
    await vi.waitFor(() => expect(trays).toHaveLength(1))
    await vi.advanceTimersByTimeAsync(30_000)
    expect(trays).toHaveLength(1)
    // Past midnight: drawn once more, and only once.
    await vi.advanceTimersByTimeAsync(30_000)
    expect(trays).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(trays).toHaveLength(2)
    watcher.stop()
  })
})

describe('the tray by the server clock', () => {
  it('turns the day at the server clock’s midnight, and dates its state by that clock, on a PC two hours behind', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
    // The PC says 21:59:20; the server, two hours ahead, is 23:59:20.
    vi.setSystemTime(new Date(2026, 11, 3, 21, 59, 20))
    const serverNow = (): number => Date.now() + 2 * 3_600_000
    const trays: TrayState[] = []
    const watcher = watchQueue({ core: quietCore, planner: new NotificationPlanner(DEFAULT_PLANNER_SETTINGS, serverNow), onNotices: () => {}, onTray: (t) => trays.push(t), overdueEveryMs: 15_000 })
    watcher.refresh()
    await vi.waitFor(() => expect(trays).toHaveLength(1))
    expect(Math.abs(trays[0]!.at - serverNow())).toBeLessThan(1_000)
    // The server's day turns within the minute, the PC's hours later.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(trays).toHaveLength(2)
    expect(new Date(trays[1]!.at).getDate()).toBe(4)
    watcher.stop()
  })
})
