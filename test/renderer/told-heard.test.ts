/**
 * The page's account of the chats told as new, by the core's numbers: a read back after its
 * socket came back tells only what it did not hear live, however the two cross.
 */
import { describe, expect, it } from 'vitest'
import type { ToldChat } from '../../shared/ipc/queue-notices'
import { toldHeard } from '../../renderer/src/utils/told-heard'

const chat = (told: number): ToldChat => ({ told, chat: { id: 100 + told, customerName: `Pelanggan ${told}`, channel: 'whatsapp', text: '', queuedAt: 1_000 + told } })
const numbers = (list: ToldChat[]) => list.map((entry) => entry.told)

describe('told chats heard by the page', () => {
  it('tells nothing from its first read back, which only says where the numbering stands', () => {
    const heard = toldHeard()
    expect(heard.readBack({ last: 7, chats: [chat(6), chat(7)] })).toEqual([])
    expect(heard.upTo).toBe(7)
  })

  it('tells what was told after the last number heard, once', () => {
    const heard = toldHeard()
    heard.readBack({ last: 2, chats: [] })
    heard.hear({ first: 3, last: 3 })
    expect(heard.upTo).toBe(3)
    // Cut off: 4 to 6 went to the old socket.
    expect(numbers(heard.readBack({ last: 6, chats: [chat(4), chat(6)] }))).toEqual([4, 6])
    expect(heard.readBack({ last: 6, chats: [chat(4), chat(6)] })).toEqual([])
  })

  it('leaves out what was heard live while the read back was on its way, a burst too', () => {
    const heard = toldHeard()
    heard.readBack({ last: 2, chats: [] })
    // Back on a new socket: 5 to 8 (one notice) arrive live before the answer naming 3 to 8.
    heard.hear({ first: 5, last: 8 })
    expect(heard.upTo).toBe(2)
    expect(numbers(heard.readBack({ last: 8, chats: [3, 4, 5, 6, 7, 8].map(chat) }))).toEqual([3, 4])
    expect(heard.upTo).toBe(8)
  })

  it('tells nothing twice when two read backs cross (the socket went again meanwhile)', () => {
    const heard = toldHeard()
    heard.readBack({ last: 1, chats: [] })
    const answer = { last: 3, chats: [chat(2), chat(3)] }
    expect(numbers(heard.readBack(answer))).toEqual([2, 3])
    expect(heard.readBack(answer)).toEqual([])
  })

  it('goes on from notices heard past a gap once a read back fills it', () => {
    const heard = toldHeard()
    heard.readBack({ last: 1, chats: [] })
    heard.hear({ first: 4, last: 4 })
    heard.hear({ first: 5, last: 6 })
    expect(numbers(heard.readBack({ last: 3, chats: [chat(2), chat(3)] }))).toEqual([2, 3])
    expect(heard.upTo).toBe(6)
  })
})
