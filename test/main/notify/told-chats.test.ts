/**
 * The core's numbered list of chats told as new, kept short: a page that heard less than what
 * was let go is told there may be more than it reads back.
 */
import { describe, expect, it } from 'vitest'
import { ToldChats } from '../../../electron/main/notify/told-chats'
import type { QueuedChat } from '../../../shared/ipc/queue-notices'

const chat = (id: number): QueuedChat => ({ id, customerName: `Pelanggan ${id}`, channel: 'whatsapp', text: '', queuedAt: id })

describe('chats told as new', () => {
  it('numbers them in order, across calls', () => {
    const told = new ToldChats()
    expect(told.record([])).toBeNull()
    expect(told.record([chat(1)])).toEqual({ first: 1, last: 1 })
    expect(told.record([chat(2), chat(3)])).toEqual({ first: 2, last: 3 })
    expect(told.after(1)).toEqual({ last: 3, chats: [{ told: 2, chat: chat(2), long: false }, { told: 3, chat: chat(3), long: false }], more: false })
  })

  it('keeps the latest only, and says so to a page that heard less than what was let go', () => {
    const told = new ToldChats(3)
    told.record([1, 2, 3, 4, 5].map(chat))
    expect(told.after(0)).toMatchObject({ last: 5, more: true })
    expect(told.after(0).chats.map((entry) => entry.told)).toEqual([3, 4, 5])
    expect(told.after(2).more).toBe(false)
  })

  it('reads back a chat told as new and then as waiting too long once, as the long wait', () => {
    const told = new ToldChats()
    told.record([chat(1), chat(2)])
    expect(told.record([chat(1)], true)).toEqual({ first: 3, last: 3 })
    expect(told.after(0).chats).toEqual([
      { told: 2, chat: chat(2), long: false },
      { told: 3, chat: chat(1), long: true },
    ])
    // Back in the queue for a new stay, it is news again, whatever the last stay was told as.
    told.record([{ ...chat(1), queuedAt: 50 }])
    expect(told.after(0).chats.map((entry) => [entry.told, entry.long])).toEqual([
      [2, false],
      [3, true],
      [4, false],
    ])
  })

  it("lets another account's chats go, its numbering going on", () => {
    const told = new ToldChats()
    told.record([chat(1), chat(2)])
    told.forget()
    expect(told.after(0)).toEqual({ last: 2, chats: [], more: false })
    expect(told.record([chat(3)])).toEqual({ first: 3, last: 3 })
  })
})
