/**
 * Whether the window's saved place can be used again. A monitor may have been unplugged or the
 * resolution changed since; a window restored off-screen is a window the supervisor cannot reach.
 * Plain Node: the shell passes in the displays' work areas.
 */
import type { WindowBounds } from '../../shared/ipc/settings'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** How much of the title bar must land on one display for the window to be grabbable. */
const GRAB_WIDTH = 120
const TITLE_BAR = 32

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  const right = Math.min(a.x + a.width, b.x + b.width)
  const bottom = Math.min(a.y + a.height, b.y + b.height)
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null
}

/**
 * The saved bounds, shrunk to fit the display that holds their title bar, or null when no display
 * shows enough of the title bar (or the bounds are smaller than the window may be).
 */
export function usableBounds(saved: WindowBounds | null, workAreas: readonly Rect[], min: { width: number; height: number }): WindowBounds | null {
  if (!saved || saved.width < min.width || saved.height < min.height) return null
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: TITLE_BAR }
  for (const area of workAreas) {
    const shown = overlap(titleBar, area)
    // The title bar's full height must be on this display (so its top edge is not above it), and enough of its width to grab.
    if (!shown || shown.width < Math.min(GRAB_WIDTH, saved.width) || shown.height < TITLE_BAR) continue
    return {
      ...saved,
      width: Math.max(min.width, Math.min(saved.width, area.width)),
      height: Math.max(min.height, Math.min(saved.height, area.height)),
    }
  }
  return null
}

/** Calls `fn` once things settle (a drag fires dozens of move events a second); `flush` runs a pending call now. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): { (...args: A): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null
  let last: A | null = null
  const run = (): void => {
    timer = null
    if (last) fn(...last)
    last = null
  }
  const call = (...args: A): void => {
    last = args
    if (timer) clearTimeout(timer)
    timer = setTimeout(run, ms)
  }
  call.flush = () => {
    if (timer) clearTimeout(timer)
    run()
  }
  return call
}
