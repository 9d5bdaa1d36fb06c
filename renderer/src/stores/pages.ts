/**
 * Which Observe page is in front: Customer or Log History. The Customer page stays mounted behind
 * Log History, so its tab, filters, scroll and open conversation are there to come back to.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { subscribe } from '@renderer/api/client'

export const PAGES = ['customer', 'logHistory'] as const
export type Page = (typeof PAGES)[number]

/** A chat opened from a Log History entry: closing its detail goes back to that entry. */
export interface LogReturn {
  conversationId: number
  entryId: number
}

export const usePagesStore = defineStore('pages', () => {
  const current = ref<Page>('customer')
  /**
   * Where closing the detail leads back to while the chat opened from Log History is still the one
   * the supervisor reads there. Any other way to a page (its name in the header, the tray, Alt+1–3)
   * is choosing that page, and forgets it: Esc then stays on the Customer page, as it does there.
   */
  const logReturn = ref<LogReturn | null>(null)
  let unsubscribe: (() => void) | null = null

  function show(page: Page): void {
    current.value = page
    logReturn.value = null
  }

  /** Brings the Customer page forward to read a chat from a Log History entry, remembering the way back. */
  function openFromLog(entryId: number, conversationId: number): void {
    show('customer')
    logReturn.value = { conversationId, entryId }
  }

  /** Forgets the way back (the supervisor went on with the Customer page: another chat, another tab). */
  function stayOnCustomer(): void {
    logReturn.value = null
  }

  /** The Log History entry to go back to on closing this chat's detail, if it was opened from there; forgotten as it is taken. */
  function takeLogReturn(conversationId: number | null): number | null {
    const back = logReturn.value
    logReturn.value = null
    return back !== null && back.conversationId === conversationId ? back.entryId : null
  }

  /**
   * A notification or the tray asking for a conversation or the queue means the Customer page: the
   * detail and conversations stores do the opening, this brings their page forward.
   */
  function start(): void {
    if (unsubscribe) return
    const offOpen = subscribe('app:openConversation', () => show('customer'))
    const offQueue = subscribe('app:openQueue', () => show('customer'))
    unsubscribe = () => {
      offOpen()
      offQueue()
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  return { current, show, openFromLog, stayOnCustomer, takeLogReturn, start, stop }
})
