/** What the tray shows, derived from the queue; the Electron side only draws it. */
import type { QueuedChat } from './planner'

export interface TrayState {
  inQueue: number
  /** The title beside the icon where the platform has one (the tooltip is worded in desktop-texts). */
  title: string
  /** Newest waiting chats, for the menu. */
  latest: QueuedChat[]
  paused: boolean
}

export function trayState(inQueue: number, queue: readonly QueuedChat[], paused: boolean): TrayState {
  const latest = [...queue].sort((a, b) => b.queuedAt - a.queuedAt).slice(0, 5)
  return {
    inQueue,
    title: inQueue > 0 ? String(inQueue) : '',
    latest,
    paused,
  }
}
