import { describe, expect, it } from 'vitest'
import { DESKTOP_TEXTS, desktopLanguage, trayChatLabel, trayTooltip } from '../../../electron/main/notify/desktop-texts'
import { noticeText, notificationBody } from '../../../electron/main/notify/notice-text'
import type { QueueNotice, QueuedChat } from '../../../shared/ipc/queue-notices'

const chat: QueuedChat = { id: 7, customerName: 'Siti <b>Aminah</b>', channel: 'facebook_comment', text: 'Halo kak', queuedAt: 0 }

describe('words outside the page', () => {
  it('follow the language chosen in Settings, else the system, else English', () => {
    expect(desktopLanguage('id', 'en-US')).toBe('id')
    expect(desktopLanguage(null, 'id-ID')).toBe('id')
    expect(desktopLanguage(null, 'de-DE')).toBe('en')
  })

  it('word the tray tooltip in both languages, saying when notifications are paused', () => {
    const state = { inQueue: 3, title: '3', longestWaiting: [], paused: true, at: 0 }
    expect(trayTooltip(state, DESKTOP_TEXTS.en)).toBe('Observe — 3 chats waiting (notifications paused)')
    expect(trayTooltip({ ...state, paused: false, inQueue: 1 }, DESKTOP_TEXTS.en)).toBe('Observe — 1 chat waiting')
    expect(trayTooltip(state, DESKTOP_TEXTS.id)).toBe('Observe — 3 chat menunggu (notifikasi dijeda)')
  })

  it('word notifications with the customer and channel, keeping customer text as plain text', () => {
    expect(noticeText({ kind: 'new_chat', chat }, DESKTOP_TEXTS.id)).toEqual({
      title: 'Siti <b>Aminah</b> · Komentar Facebook',
      body: 'Halo kak',
      conversationId: 7,
    })
    // Nothing of the customer's to quote (an attachment, or the bot spoke last): the body says where they are.
    expect(noticeText({ kind: 'new_chat', chat: { ...chat, text: '' } }, DESKTOP_TEXTS.en).body).toBe('Waiting in the queue')
    expect(noticeText({ kind: 'new_chat', chat: { ...chat, text: '' } }, DESKTOP_TEXTS.id).body).toBe('Menunggu di antrean')
    expect(noticeText({ kind: 'new_chats', count: 5, chats: [chat] }, DESKTOP_TEXTS.en).title).toBe('5 new chats waiting')
    expect(noticeText({ kind: 'new_chats', count: 10_000, chats: [chat], atLeast: true }, DESKTOP_TEXTS.en).title).toBe('10000+ new chats waiting')
    expect(noticeText({ kind: 'new_chats', count: 10_000, chats: [chat], atLeast: true }, DESKTOP_TEXTS.id).title).toBe('10000+ chat baru menunggu')
    expect(noticeText({ kind: 'waiting_too_long', chat, waitedMs: 6 * 60_000 }, DESKTOP_TEXTS.id).title).toBe(
      'Siti <b>Aminah</b> sudah menunggu 6 menit',
    )
    // A long wait in hours and days, not "4320 min".
    expect(noticeText({ kind: 'waiting_too_long', chat, waitedMs: 3 * 86_400_000 + 5 * 60_000 }, DESKTOP_TEXTS.en).title).toBe('Siti <b>Aminah</b> has waited 3 days')
    expect(noticeText({ kind: 'waiting_too_long', chat, waitedMs: 2 * 3_600_000 + 31 * 60_000 + 9_000 }, DESKTOP_TEXTS.id).title).toBe(
      'Siti <b>Aminah</b> sudah menunggu 2 jam, 31 menit',
    )
    const many: QueueNotice = { kind: 'many_waiting_too_long', count: 8, minutes: 5, chats: [chat, { ...chat, id: 8, customerName: 'Budi' }] }
    expect(noticeText(many, DESKTOP_TEXTS.en)).toEqual({
      title: '8 chats have waited over 5 minutes',
      body: 'Siti <b>Aminah</b>, Budi',
      conversationId: null,
    })
    expect(noticeText(many, DESKTOP_TEXTS.id).title).toBe('8 chat sudah menunggu lebih dari 5 menit')
    // A limit of two hours reads in hours, not "120 min".
    expect(noticeText({ ...many, minutes: 120 }, DESKTOP_TEXTS.en).title).toBe('8 chats have waited over 2 hours')
  })

  it('list a waiting chat in the tray with the clock time its wait began, and the day when not today', () => {
    // 14:02 in Jakarta; the menu is drawn at 15:00 the same day and at 01:00 the next.
    const waiting = { ...chat, channel: 'whatsapp' as const, queuedAt: Date.UTC(2026, 11, 3, 7, 2) }
    const sameDay = Date.UTC(2026, 11, 3, 8, 0)
    const nextDay = Date.UTC(2026, 11, 3, 18, 0)
    expect(trayChatLabel(waiting, DESKTOP_TEXTS.en, sameDay, 'Asia/Jakarta')).toBe('Siti <b>Aminah</b> · WhatsApp · since 2:02 PM')
    expect(trayChatLabel(waiting, DESKTOP_TEXTS.id, sameDay, 'Asia/Jakarta')).toBe('Siti <b>Aminah</b> · WhatsApp · sejak 14.02')
    expect(trayChatLabel(waiting, DESKTOP_TEXTS.en, nextDay, 'Asia/Jakarta')).toBe('Siti <b>Aminah</b> · WhatsApp · since Dec 3, 2:02 PM')
    expect(trayChatLabel(waiting, DESKTOP_TEXTS.id, nextDay, 'Asia/Jakarta')).toBe('Siti <b>Aminah</b> · WhatsApp · sejak 3 Des, 14.02')
    expect(trayChatLabel({ ...waiting, customerName: 'x'.repeat(60) }, DESKTOP_TEXTS.en, sameDay, 'Asia/Jakarta')).toBe(
      `${'x'.repeat(39)}… · WhatsApp · since 2:02 PM`,
    )
  })

  it('keep an ampersand in a tray menu label (a single one marks the access key) and customer markup out of Linux notifications', () => {
    const label = trayChatLabel({ ...chat, customerName: 'PT Maju & Jaya', channel: 'whatsapp' }, DESKTOP_TEXTS.en, 0, 'UTC')
    expect(label).toBe('PT Maju && Jaya · WhatsApp · since 12:00 AM')
    expect(notificationBody('thanks <3 & <a href="https://x.example">bye</a>', 'linux')).toBe('thanks &lt;3 &amp; &lt;a href="https://x.example"&gt;bye&lt;/a&gt;')
    expect(notificationBody('thanks <3 & bye', 'darwin')).toBe('thanks <3 & bye')
    expect(notificationBody('thanks <3 & bye', 'win32')).toBe('thanks <3 & bye')
  })

  it('shorten customer text by characters as people see them, so an emoji at the cut is kept whole', () => {
    // Each emoji is two UTF-16 units: cut by units, the 39th character would be half of one.
    const name = `${'x'.repeat(38)}🌸🌸🌸`
    expect(trayChatLabel({ ...chat, customerName: name, channel: 'whatsapp' }, DESKTOP_TEXTS.en, 0, 'UTC')).toBe(
      `${'x'.repeat(38)}🌸… · WhatsApp · since 12:00 AM`,
    )
    const text = `${'a'.repeat(158)}😊😊😊`
    expect(noticeText({ kind: 'new_chat', chat: { ...chat, text } }, DESKTOP_TEXTS.en).body).toBe(`${'a'.repeat(158)}😊…`)
    // 161 units, yet 160 characters: it fits.
    expect(noticeText({ kind: 'new_chat', chat: { ...chat, text: `${'a'.repeat(159)}😊` } }, DESKTOP_TEXTS.en).body).toBe(`${'a'.repeat(159)}😊`)
  })

  it('keep a customer from rewriting the words around their name: overrides go, line breaks become spaces', () => {
    // Shown as written, U+202E would turn everything after it around, the app's own words included,
    // and this name would read "Budi ADMIN: check your balance" over a reversed channel.
    const hostile = { ...chat, channel: 'whatsapp' as const, customerName: 'Budi \u202Ecnalab ruoy kcehc :NIMDA\nObserve: session ended\u0000', text: 'pay \u2066now\u2069\r\nplease' }
    const notice = noticeText({ kind: 'new_chat', chat: hostile }, DESKTOP_TEXTS.en)
    expect(notice.title).toBe('Budi cnalab ruoy kcehc :NIMDA Observe: session ended  · WhatsApp')
    expect(notice.body).toBe('pay now  please')
    expect(noticeText({ kind: 'waiting_too_long', chat: hostile, waitedMs: 6 * 60_000 }, DESKTOP_TEXTS.en).title).not.toMatch(/[\u202a-\u202e\u2066-\u2069\p{Cc}]/u)
    expect(noticeText({ kind: 'new_chats', count: 2, chats: [hostile, chat] }, DESKTOP_TEXTS.en).body).not.toMatch(/[\u202a-\u202e\u2066-\u2069\p{Cc}]/u)
    expect(trayChatLabel(hostile, DESKTOP_TEXTS.en, 0, 'UTC')).toBe('Budi cnalab ruoy kcehc :NIMDA Observe: … · WhatsApp · since 12:00 AM')
  })

  it('take out the invisible marks and separators that move or break the line, and cut a tower of accents', () => {
    const chat = { id: 1, customerName: 'Budi\u2028Observe:\u2029 x\u200e\u200f\u061c\u200by', channel: 'whatsapp' as const, text: '', queuedAt: 0 }
    expect(noticeText({ kind: 'new_chat', chat }, DESKTOP_TEXTS.en).title).toBe('Budi Observe:  xy · WhatsApp')
    const tower = `B${'\u0301'.repeat(300)}udi`
    expect(noticeText({ kind: 'new_chat', chat: { ...chat, customerName: tower } }, DESKTOP_TEXTS.en).title).toBe(`B${'\u0301'.repeat(4)}udi · WhatsApp`)
    // Emoji held together by zero-width joiners stay whole.
    const family = 'Ana \u{1F468}\u200d\u{1F469}\u200d\u{1F467}'
    expect(noticeText({ kind: 'new_chat', chat: { ...chat, customerName: family } }, DESKTOP_TEXTS.en).title).toBe(`${family} · WhatsApp`)
  })
})
