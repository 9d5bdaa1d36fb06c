/** What the tray shows, derived from the queue; the Electron side only draws it. */
import { queueOrder, type QueuedChat } from './planner'

/** How many waiting chats the tray menu lists. */
export const TRAY_CHATS = 5

export interface TrayState {
  inQueue: number
  /** The title beside the icon where the platform has one (the tooltip is worded in desktop-texts). */
  title: string
  /**
   * The chats that have waited longest, oldest first, for the menu: the customers closest to being
   * missed, in the In Queue tab's own order. (New chats have their notifications; and the queue read
   * holds the oldest chats, so with a long queue the newest are not in it at all.)
   */
  longestWaiting: QueuedChat[]
  paused: boolean
  /** When the state was read, by the server's clock: the menu says a wait's start by the day it measures. */
  at: number
}

export function trayState(inQueue: number, queue: readonly QueuedChat[], paused: boolean, at = Date.now()): TrayState {
  const longestWaiting = [...queue].sort(queueOrder).slice(0, TRAY_CHATS)
  return {
    inQueue,
    title: inQueue > 0 ? String(inQueue) : '',
    longestWaiting,
    paused,
    at,
  }
}
