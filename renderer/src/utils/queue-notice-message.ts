import { plainLine } from '@shared/domain'
import type { QueueNotice } from '@shared/ipc/queue-notices'
import type { OwnWords } from '@renderer/utils/own-words'

/**
 * A queue notice as the page words it: an i18n key, its parameters, and the chat it is about, if
 * one. Customer text goes in as one plain line: the browser's own notifications show it outside
 * the page, where nothing isolates it from the words around it.
 */
export interface QueueNoticeMessage {
  key: string
  params: Record<string, string | number>
  /** The channel's name and the wait, worded in the language shown when the notice is read. */
  worded?: OwnWords
  id: number | null
}

export function queueNoticeMessage(notice: QueueNotice): QueueNoticeMessage {
  switch (notice.kind) {
    case 'new_chat': {
      const { chat } = notice
      const params = { customer: plainLine(chat.customerName) }
      const worded = { channel: { message: `channel.${chat.channel}` } }
      // No text when the customer's last word was not text (an attachment) or not theirs.
      return chat.text
        ? { key: 'queue.newChat', params: { ...params, text: plainLine(chat.text) }, worded, id: chat.id }
        : { key: 'queue.newChatNoText', params, worded, id: chat.id }
    }
    case 'new_chats':
      return { key: notice.atLeast ? 'queue.newChatsAtLeast' : 'queue.newChats', params: { count: notice.count }, id: null }
    case 'waiting_too_long':
      return {
        key: 'queue.waitingTooLong',
        params: { customer: plainLine(notice.chat.customerName) },
        worded: { waited: { waitedMs: notice.waitedMs } },
        id: notice.chat.id,
      }
    case 'many_waiting_too_long':
      return { key: 'queue.manyWaitingTooLong', params: { count: notice.count }, worded: { waited: { waitedMs: notice.minutes * 60_000 } }, id: null }
  }
}

/** Chats that joined the queue while the page was cut off from Observe and still wait, told in one notice. */
export function missedChatsMessage(count: number, more: boolean): QueueNoticeMessage {
  return { key: more ? 'queue.missedChatsAtLeast' : 'queue.missedChats', params: { count }, id: null }
}

/**
 * Chats that passed the long-wait threshold (`minutes`) while the page was cut off from Observe
 * and still wait, told in one notice.
 */
export function missedLongWaitsMessage(count: number, minutes: number, more: boolean): QueueNoticeMessage {
  return {
    key: more ? 'queue.missedWaitingTooLongAtLeast' : 'queue.missedWaitingTooLong',
    params: { count },
    worded: { waited: { waitedMs: minutes * 60_000 } },
    id: null,
  }
}
