import { describe, expect, it } from 'vitest'
import { DESKTOP_TEXTS, desktopLanguage, trayTooltip } from '../../../electron/main/notify/desktop-texts'
import { noticeText } from '../../../electron/main/notify/notice-text'
import type { QueueNotice, QueuedChat } from '../../../shared/ipc/queue-notices'

const chat: QueuedChat = { id: 7, customerName: 'Siti <b>Aminah</b>', channel: 'facebook_comment', text: 'Halo kak', queuedAt: 0 }

describe('words outside the page', () => {
  it('follow the language chosen in Settings, else the system, else English', () => {
    expect(desktopLanguage('id', 'en-US')).toBe('id')
    expect(desktopLanguage(null, 'id-ID')).toBe('id')
    expect(desktopLanguage(null, 'de-DE')).toBe('en')
  })

  it('word the tray tooltip in both languages, saying when notifications are paused', () => {
    const state = { inQueue: 3, title: '3', latest: [], paused: true }
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
    expect(noticeText({ kind: 'new_chats', count: 5, chats: [chat] }, DESKTOP_TEXTS.en).title).toBe('5 new chats waiting')
    expect(noticeText({ kind: 'waiting_too_long', chat, waitedMs: 6 * 60_000 }, DESKTOP_TEXTS.id).title).toBe(
      'Siti <b>Aminah</b> sudah menunggu 6 menit',
    )
    const many: QueueNotice = { kind: 'many_waiting_too_long', count: 8, minutes: 5, chats: [chat, { ...chat, id: 8, customerName: 'Budi' }] }
    expect(noticeText(many, DESKTOP_TEXTS.en)).toEqual({
      title: '8 chats have waited over 5 min',
      body: 'Siti <b>Aminah</b>, Budi',
      conversationId: null,
    })
    expect(noticeText(many, DESKTOP_TEXTS.id).title).toBe('8 chat sudah menunggu lebih dari 5 menit')
  })
})
