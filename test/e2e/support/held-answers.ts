/**
 * The page's socket to Observe, watched and slowed at will: what the page sent, in order, and the
 * answers to one channel's calls held back while asked, so a test can stand in the moment between
 * Observe's answer to an action and the page reading what it changed.
 */
import type { BrowserContext } from 'playwright-core'

export interface HeldAnswers {
  /** Each call's channel, and 'ping' for each heartbeat: the page's frames go out in this order. */
  sent: string[]
  /** From now on, answers to calls on the channel wait until release(). */
  hold(): void
  /** Stops holding and delivers every answer held, in order. */
  release(): void
  /** Routes a context's sockets through the watch; give it to openObserve's `prepare`. */
  prepare(context: BrowserContext): Promise<void>
}

export function holdAnswersTo(channel: string): HeldAnswers {
  const sent: string[] = []
  let holding = false
  const held: (() => void)[] = []
  return {
    sent,
    hold: () => void (holding = true),
    release() {
      holding = false
      for (const answer of held.splice(0)) answer()
    },
    prepare: (context) =>
      context.routeWebSocket(/./, (socket) => {
        const core = socket.connectToServer()
        const calls = new Set<number>()
        socket.onMessage((message) => {
          const frame = JSON.parse(String(message)) as { id?: number; channel?: string; ping?: number }
          sent.push(frame.ping !== undefined ? 'ping' : (frame.channel ?? '?'))
          if (holding && frame.channel === channel && frame.id !== undefined) calls.add(frame.id)
          core.send(message)
        })
        core.onMessage((message) => {
          const { id } = JSON.parse(String(message)) as { id?: number }
          if (id !== undefined && calls.has(id)) held.push(() => socket.send(message))
          else socket.send(message)
        })
      }),
  }
}
