import { describe, expect, it } from 'vitest'
import type { QueuedChat } from '../../shared/ipc/queue-notices'
import { createAppI18n } from '../../renderer/src/i18n'
import { sayOwnWords } from '../../renderer/src/utils/own-words'
import { missedChatsMessage, queueNoticeMessage, type QueueNoticeMessage } from '../../renderer/src/utils/queue-notice-message'

const chat: QueuedChat = { id: 42, customerName: 'Rina', channel: 'telegram', text: 'Halo kak', queuedAt: 0 }

/** A notice's message as read in `locale`, its own words too. */
function read(message: QueueNoticeMessage, locale: 'en' | 'id'): string {
  const { global } = createAppI18n(locale)
  return global.t(message.key, { ...message.params, ...sayOwnWords(message.worded, global.t, locale) })
}

function worded(locale: 'en' | 'id', text: string): string {
  return read(queueNoticeMessage({ kind: 'new_chat', chat: { ...chat, text } }), locale)
}

describe('queue notices on the page', () => {
  it("say what the customer wrote, and leave out the colon when there is nothing of theirs to show", () => {
    expect(worded('en', 'Halo kak')).toBe('Rina is waiting on Telegram: Halo kak')
    expect(worded('en', '')).toBe('Rina is waiting on Telegram')
    expect(worded('id', '')).toBe('Rina menunggu di Telegram')
  })

  it('lead to the chat a notice is about, and to the queue for several', () => {
    expect(queueNoticeMessage({ kind: 'waiting_too_long', chat, waitedMs: 6 * 60_000 }).id).toBe(42)
    expect(read(queueNoticeMessage({ kind: 'waiting_too_long', chat, waitedMs: 6 * 60_000 }), 'en')).toBe('Rina has waited 6 minutes')
    expect(read(queueNoticeMessage({ kind: 'waiting_too_long', chat, waitedMs: 3 * 86_400_000 }), 'id')).toBe('Rina sudah menunggu 3 hari')
    expect(queueNoticeMessage({ kind: 'new_chats', count: 5, chats: [chat] }).id).toBeNull()
  })

  it('say how many new chats wait, or at least how many when more came than were counted', () => {
    const { global } = createAppI18n('en')
    const said = (notice: Parameters<typeof queueNoticeMessage>[0], t = global.t): string => {
      const { key, params } = queueNoticeMessage(notice)
      return t(key, params)
    }
    expect(said({ kind: 'new_chats', count: 12, chats: [chat] })).toBe('12 new chats waiting')
    expect(said({ kind: 'new_chats', count: 10_000, chats: [chat], atLeast: true })).toBe('10000+ new chats waiting')
    expect(said({ kind: 'new_chats', count: 10_000, chats: [chat], atLeast: true }, createAppI18n('id').global.t)).toBe('10000+ chat baru menunggu')
    const many = queueNoticeMessage({ kind: 'many_waiting_too_long', count: 4, minutes: 120, chats: [chat] })
    expect(many.id).toBeNull()
    expect(read(many, 'en')).toBe('4 chats have waited over 2 hours')
  })

  it("keep a customer's name from turning the words after it around, in the browser's notifications too", () => {
    // U+202E reverses all that follows it; outside the page nothing would end it at the name.
    const hostile = { ...chat, customerName: 'Rina \u202E!tnegru', text: 'pay\nnow \u2066x' }
    expect(read(queueNoticeMessage({ kind: 'new_chat', chat: hostile }), 'en')).toBe('Rina !tnegru is waiting on Telegram: pay now x')
    const late = queueNoticeMessage({ kind: 'waiting_too_long', chat: hostile, waitedMs: 6 * 60_000 })
    expect(late.params.customer).toBe('Rina !tnegru')
  })
})

describe('the notice of chats queued while the page was cut off', () => {
  it('says how many joined the queue and still wait, in both languages, and that there may be more', () => {
    const say = (locale: 'en' | 'id', more: boolean) => {
      const { global } = createAppI18n(locale)
      const { key, params, id } = missedChatsMessage(5, more)
      expect(id).toBeNull()
      return global.t(key, params)
    }
    expect(say('en', false)).toBe('5 chats joined the queue while Observe was disconnected and are still waiting')
    expect(say('en', true)).toBe('5+ chats joined the queue while Observe was disconnected and are still waiting')
    expect(say('id', false)).toBe('5 chat masuk antrean selama Observe terputus dan masih menunggu')
  })
})
