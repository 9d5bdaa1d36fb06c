/**
 * Electron's security checklist, applied once for every web contents the app ever creates:
 * no navigation away from the app, no new windows, no webviews, every permission denied,
 * the CSP sent as a header as well as in the page's meta tag.
 */
import { app, session, shell } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../csp'
import { safeExternalUrl } from '../../../shared/external-links'

export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      const external = safeExternalUrl(url)
      if (external) void shell.openExternal(external)
      return { action: 'deny' }
    })
  })

  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
}
