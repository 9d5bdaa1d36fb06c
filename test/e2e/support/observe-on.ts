/** How most end-to-end files begin: Observe in browser mode, signed in to a reference server as its supervisor, open and online in Chromium. */
import type { Browser, Page } from 'playwright-core'
import { startWebApp, type WebApp } from '../../../electron/web/app'
import type { ReferenceServer } from '../../../server/index'
import { launchBrowser, openObserve, type OpenOptions } from './browser'

export async function openObserveOn(
  server: ReferenceServer,
  dataDir: string,
  errors: string[] = [],
  options: OpenOptions = {},
): Promise<{ app: WebApp; browser: Browser; page: Page }> {
  const app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir })
  const browser = await launchBrowser()
  const page = await openObserve(browser, app.url, errors, options)
  return { app, browser, page }
}
