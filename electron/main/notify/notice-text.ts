/** The words of a notification. Plain text only: customer names and messages are never markup here. */
import { clip } from './clip'
import type { DesktopTexts } from './desktop-texts'
import type { Notice } from './planner'
import { durationWords } from '../../../shared/duration-words'

export interface NoticeText {
  title: string
  body: string
  /** The conversation to open when the notice is clicked, if it is about one. */
  conversationId: number | null
}

export function noticeText(notice: Notice, texts: DesktopTexts): NoticeText {
  switch (notice.kind) {
    case 'new_chat':
      return {
        title: `${clip(notice.chat.customerName, 60)} · ${texts.channel[notice.chat.channel] ?? notice.chat.channel}`,
        body: notice.chat.text ? clip(notice.chat.text, 160) : texts.waitingInQueue,
        conversationId: notice.chat.id,
      }
    case 'new_chats':
      return {
        title: texts.newChats(notice.count, notice.atLeast),
        body: clip(notice.chats.map((c) => c.customerName).join(', '), 160),
        conversationId: null,
      }
    case 'waiting_too_long':
      return {
        title: texts.hasWaited(clip(notice.chat.customerName, 60), durationWords(notice.waitedMs, texts.locale, 'minute')),
        body: clip(notice.chat.text, 160),
        conversationId: notice.chat.id,
      }
    case 'many_waiting_too_long':
      return {
        title: texts.manyHaveWaited(notice.count, durationWords(notice.minutes * 60_000, texts.locale, 'minute')),
        body: clip(notice.chats.map((c) => c.customerName).join(', '), 160),
        conversationId: null,
      }
  }
}

/**
 * A notification's body as the platform shows it. Linux notification servers read the body as
 * markup, so a customer's "<b>" or "<a href>" would render and "thanks <3" or "A & B" could blank it.
 */
export function notificationBody(body: string, platform: NodeJS.Platform): string {
  if (platform !== 'linux') return body
  return body.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
