/**
 * IPC is answered only for the app's own top-level page. A frame that navigated elsewhere, an
 * iframe, or any other origin gets `forbidden`, whatever it sends.
 */
export interface SenderFrame {
  url: string
  /** True for the window's main frame. */
  isMainFrame: boolean
}

export function isTrustedSender(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  if (!frame || !frame.isMainFrame) return false
  let sender: URL
  let app: URL
  try {
    sender = new URL(frame.url)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (app.protocol === 'file:') {
    // file:// has no origin to compare: the exact page is the only trusted one.
    return sender.protocol === 'file:' && sender.pathname === app.pathname
  }
  return sender.origin === app.origin
}
