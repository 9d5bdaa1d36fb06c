/**
 * Which Observe page is in front: Customer or Log History. The Customer page stays mounted behind
 * Log History, so its tab, filters, scroll and open conversation are there to come back to.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { subscribe } from '@renderer/api/client'

export const PAGES = ['customer', 'logHistory'] as const
export type Page = (typeof PAGES)[number]

export const usePagesStore = defineStore('pages', () => {
  const current = ref<Page>('customer')
  let unsubscribe: (() => void) | null = null

  function show(page: Page): void {
    current.value = page
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

  return { current, show, start, stop }
})
