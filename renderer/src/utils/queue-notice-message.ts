import { plainLine, type ChannelKind } from '@shared/domain'
import type { QueueNotice } from '@shared/ipc/queue-notices'
import { durationWords } from '@renderer/utils/format'

/**
 * A queue notice as the page words it: an i18n key, its parameters, and the chat it is about, if
 * one. Customer text goes in as one plain line: the browser's own notifications show it outside
 * the page, where nothing isolates it from the words around it.
 */
export interface QueueNoticeMessage {
  key: string
  params: Record<string, string | number>
  id: number | null
}

export function queueNoticeMessage(notice: QueueNotice, channelName: (kind: ChannelKind) => string, locale = 'en'): QueueNoticeMessage {
  switch (notice.kind) {
    case 'new_chat': {
      const { chat } = notice
      const params = { customer: plainLine(chat.customerName), channel: channelName(chat.channel) }
      // No text when the customer's last word was not text (an attachment) or not theirs.
      return chat.text ? { key: 'queue.newChat', params: { ...params, text: plainLine(chat.text) }, id: chat.id } : { key: 'queue.newChatNoText', params, id: chat.id }
    }
    case 'new_chats':
      return { key: notice.atLeast ? 'queue.newChatsAtLeast' : 'queue.newChats', params: { count: notice.count }, id: null }
    case 'waiting_too_long':
      return {
        key: 'queue.waitingTooLong',
        params: { customer: plainLine(notice.chat.customerName), waited: durationWords(notice.waitedMs, locale, 'minute') },
        id: notice.chat.id,
      }
    case 'many_waiting_too_long':
      return { key: 'queue.manyWaitingTooLong', params: { count: notice.count, waited: durationWords(notice.minutes * 60_000, locale, 'minute') }, id: null }
  }
}

/** Chats that joined the queue while the page was cut off from Observe and still wait, told in one notice. */
export function missedChatsMessage(count: number, more: boolean): QueueNoticeMessage {
  return { key: more ? 'queue.missedChatsAtLeast' : 'queue.missedChats', params: { count }, id: null }
}
