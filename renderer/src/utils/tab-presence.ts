/**
 * Browser mode may be open in several tabs, and each is told of every queue notice. Web Locks are
 * shared by all tabs of the page's origin, so the tabs agree through them without a server: a tab
 * in view holds IN_VIEW (shared), and one tab at a time holds NOTIFIER for as long as it is open.
 * A hidden tab leaves a notice to a tab in view (which shows it as a toast) and, when none is, to
 * the notifier; so a supervisor with three tabs gets each chat announced once, not three times.
 */
const IN_VIEW = 'observe:tab-in-view'
const NOTIFIER = 'observe:notifier'

export interface TabPresence {
  /** Whether this tab, being hidden, should raise the desktop notification for a notice. */
  notifiesWhileHidden(): Promise<boolean>
  stop(): void
}

export function watchTabPresence(doc: Document = document, locks: LockManager | undefined = globalThis.navigator?.locks): TabPresence {
  // Without Web Locks each tab decides alone, as before.
  if (locks === undefined) return { notifiesWhileHidden: async () => true, stop: () => {} }

  const stopped = new AbortController()
  let notifier = false

  void locks
    .request(NOTIFIER, { signal: stopped.signal }, () => {
      notifier = true
      return new Promise<void>((resolve) => stopped.signal.addEventListener('abort', () => resolve()))
    })
    .catch(() => {}) // aborted while still waiting its turn
    .finally(() => {
      notifier = false
    })

  // While requested and until let go; a tab hidden before its request is granted lets go at once.
  let inView = false
  let leaveView = (): void => {}
  const follow = (): void => {
    if (doc.visibilityState === 'hidden') return leaveView()
    if (inView) return
    inView = true
    void locks.request(IN_VIEW, { mode: 'shared' }, () => new Promise<void>((resolve) => {
      leaveView = () => {
        inView = false
        leaveView = () => {}
        resolve()
      }
      if (doc.visibilityState === 'hidden') leaveView()
    }))
  }
  follow()
  doc.addEventListener('visibilitychange', follow)

  return {
    async notifiesWhileHidden() {
      const { held = [] } = await locks.query()
      return notifier && !held.some((lock) => lock.name === IN_VIEW)
    },
    stop() {
      doc.removeEventListener('visibilitychange', follow)
      leaveView()
      stopped.abort()
    },
  }
}
