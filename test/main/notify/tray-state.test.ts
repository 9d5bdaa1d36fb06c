import { describe, expect, it } from 'vitest'
import { TRAY_CHATS, trayState } from '../../../electron/main/notify/tray-state'
import type { QueuedChat } from '../../../electron/main/notify/planner'

const chat = (id: number, queuedAt: number): QueuedChat => ({ id, customerName: `C${id}`, channel: 'email', text: '', queuedAt })

describe('the tray', () => {
  it('lists the chats that have waited longest, oldest first, at most five', () => {
    // In no order, as a queue read after live changes may be; 8 arrived last, 3 and 9 first.
    const queue = [chat(1, 500), chat(2, 400), chat(3, 100), chat(4, 300), chat(5, 600), chat(6, 700), chat(7, 200), chat(8, 900), chat(9, 100)]
    const state = trayState(40, queue, false)
    expect(state.longestWaiting.map((c) => c.id)).toEqual([3, 9, 7, 4, 2])
    expect(state.longestWaiting).toHaveLength(TRAY_CHATS)
    expect(state).toMatchObject({ inQueue: 40, title: '40', paused: false })
  })

  it('has no title and no chats for an empty queue', () => {
    expect(trayState(0, [], true, 5)).toEqual({ inQueue: 0, title: '', longestWaiting: [], paused: true, at: 5 })
  })
})
