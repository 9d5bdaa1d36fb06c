/**
 * One run at a time of an async read that should end current: a call during a run asks for one
 * more run after it, however many calls came meanwhile. `minGapMs` spaces the starts of runs (a
 * call inside the gap runs when it ends). Each call's promise settles once the runs it asked for
 * are done. `run` handles its own failures.
 */
export function coalesce(run: () => Promise<void>, minGapMs = 0): { (): Promise<void>; stop(): void } {
  let current: Promise<void> | null = null
  let again = false
  let stopped = false
  let lastStart = -Infinity

  async function loop(): Promise<void> {
    try {
      do {
        again = false
        const wait = lastStart + minGapMs - Date.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        if (stopped) return
        lastStart = Date.now()
        await run()
      } while (again && !stopped)
    } finally {
      // Cleared in the same step as the last check of `again`, so no call can slip between them.
      current = null
    }
  }

  const call = (): Promise<void> => {
    if (stopped) return Promise.resolve()
    if (current) {
      again = true
      return current
    }
    current = loop()
    return current
  }
  call.stop = (): void => {
    stopped = true
  }
  return call
}
