/** The words of a notification. Plain text only: customer names and messages are never markup here. */
import type { Notice } from './planner'

export interface NoticeText {
  title: string
  body: string
  /** The conversation to open when the notice is clicked, if it is about one. */
  conversationId: number | null
}

const CHANNEL_NAMES: Record<string, string> = {
  whatsapp: 'WhatsApp',
  email: 'E-mail',
  instagram: 'Instagram',
  facebook_messenger: 'Messenger',
  facebook_comment: 'Facebook comment',
  telegram: 'Telegram',
  livechat: 'Live chat',
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export function noticeText(notice: Notice): NoticeText {
  switch (notice.kind) {
    case 'new_chat':
      return {
        title: `${clip(notice.chat.customerName, 60)} · ${CHANNEL_NAMES[notice.chat.channel] ?? notice.chat.channel}`,
        body: clip(notice.chat.text, 160),
        conversationId: notice.chat.id,
      }
    case 'new_chats':
      return {
        title: `${notice.count} new chats waiting`,
        body: clip(notice.chats.map((c) => c.customerName).join(', '), 160),
        conversationId: null,
      }
    case 'waiting_too_long':
      return {
        title: `${clip(notice.chat.customerName, 60)} has waited ${Math.floor(notice.waitedMs / 60_000)} min`,
        body: clip(notice.chat.text, 160),
        conversationId: notice.chat.id,
      }
  }
}
