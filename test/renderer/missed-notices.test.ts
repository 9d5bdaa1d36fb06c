/**
 * What the page says, once back in touch with Observe, of the chats told while it was cut off that
 * still wait and that it did not hear live: the long waits, then the chats that joined, each kind
 * one by one up to the supervisor's grouping threshold and in one notice past it, in both languages.
 */
import { describe, expect, it } from 'vitest'
import type { ToldChat } from '../../shared/ipc/queue-notices'
import { createAppI18n } from '../../renderer/src/i18n'
import { missedNotices } from '../../renderer/src/utils/missed-notices'
import { sayOwnWords } from '../../renderer/src/utils/own-words'
import { toldHeard } from '../../renderer/src/utils/told-heard'

const joined = (told: number, name: string): ToldChat => ({ told, chat: { id: 100 + told, customerName: name, channel: 'whatsapp', text: 'Halo', queuedAt: 1_000 + told } })
const waited = (told: number, name: string, minutes: number): ToldChat => ({ ...joined(told, name), waitedMs: minutes * 60_000 })

function said(locale: 'en' | 'id', missed: ToldChat[], more = false, groupAbove = 3): string[] {
  const { global } = createAppI18n(locale)
  return missedNotices(missed, { more, groupAbove, waitingTooLongMinutes: 5 }).map(({ key, params, worded }) =>
    global.t(key, { ...params, ...sayOwnWords(worded, (word) => global.t(word), locale) }),
  )
}

describe('the notices of what a page missed while cut off', () => {
  it('tells a chat that passed the long-wait threshold meanwhile as a long wait, with the wait at the read, before the chats that joined', () => {
    expect(said('en', [joined(4, 'Baru Bima'), waited(5, 'Lama Lina', 7)])).toEqual(['Lama Lina has waited 7 minutes', 'Baru Bima is waiting on WhatsApp: Halo'])
    expect(said('id', [waited(5, 'Lama Lina', 7)])).toEqual(['Lama Lina sudah menunggu 7 menit'])
  })

  it('groups long waits past the supervisor’s threshold in one notice naming the threshold, apart from the chats that joined', () => {
    const long = [waited(2, 'A', 6), waited(3, 'B', 9), waited(4, 'C', 12), waited(5, 'D', 20)]
    expect(said('en', [joined(1, 'Baru Bima'), ...long])).toEqual([
      '4 chats passed 5 minutes in the queue while Observe was disconnected and are still waiting',
      'Baru Bima is waiting on WhatsApp: Halo',
    ])
    expect(said('id', long)).toEqual(['4 chat melewati 5 menit di antrean selama Observe terputus dan masih menunggu'])
    expect(said('en', long, false, 4)).toHaveLength(4)
    // Some no longer kept: the count is a floor.
    expect(said('en', [waited(2, 'A', 6)], true)).toEqual(['1+ chats passed 5 minutes in the queue while Observe was disconnected and are still waiting'])
  })

  it('does not repeat a long wait heard live while the read back was on its way', () => {
    const heard = toldHeard()
    heard.readBack({ last: 3, chats: [] })
    // Back on a new socket: the alert numbered 6 comes live before the answer naming 4 to 6.
    heard.hear({ first: 6, last: 6 })
    const missed = heard.readBack({ last: 6, chats: [joined(4, 'Baru Bima'), waited(5, 'Lama Lina', 7), waited(6, 'Lama Luki', 8)] })
    expect(said('en', missed)).toEqual(['Lama Lina has waited 7 minutes', 'Baru Bima is waiting on WhatsApp: Halo'])
  })
})
