/** What the tray shows, derived from the queue; the Electron side only draws it. */
import type { QueuedChat } from './planner'

export interface TrayState {
  inQueue: number
  /** Tooltip text, and the title beside the icon where the platform has one. */
  tooltip: string
  title: string
  /** Newest waiting chats, for the menu. */
  latest: QueuedChat[]
  paused: boolean
}

export function trayState(inQueue: number, queue: readonly QueuedChat[], paused: boolean): TrayState {
  const latest = [...queue].sort((a, b) => b.queuedAt - a.queuedAt).slice(0, 5)
  const waiting = inQueue === 1 ? '1 chat waiting' : `${inQueue} chats waiting`
  return {
    inQueue,
    tooltip: `Observe — ${waiting}${paused ? ' (notifications paused)' : ''}`,
    title: inQueue > 0 ? String(inQueue) : '',
    latest,
    paused,
  }
}
