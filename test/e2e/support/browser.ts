/**
 * Debian's Chromium driven by playwright-core. A missing browser fails the run with a message that
 * says how to fix it: these tests are the only proof the UI works, so they never skip silently.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. Install it (Debian: "apt-get install chromium") ` +
        'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

export interface OpenOptions {
  context?: BrowserContextOptions
  /** Also record console errors, not only uncaught script errors. */
  consoleErrors?: boolean
  /** Readies the context before the page opens (routes its socket, say). */
  prepare?: (context: BrowserContext) => Promise<void>
}

/** Waits until the connection indicator says Online (the sync is live), or `timeout` ms. */
export async function waitUntilOnline(page: Page, timeout = 60_000): Promise<void> {
  await page.getByRole('status', { name: 'Connection: Online' }).waitFor({ timeout })
}

/**
 * Opens the app's URL in a fresh context (1280×720, English, light unless told otherwise) and
 * records script errors into `errors`; it does not wait for anything (the sign-in screen never goes online).
 */
export async function openPage(browser: Browser, url: string, errors: string[] = [], options: OpenOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US', colorScheme: 'light', ...options.context })
  await options.prepare?.(context)
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  if (options.consoleErrors) {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`)
    })
  }
  await page.goto(url)
  return page
}

/** openPage, then waits until the page says it is online. */
export async function openObserve(browser: Browser, url: string, errors: string[] = [], options: OpenOptions = {}): Promise<Page> {
  const page = await openPage(browser, url, errors, options)
  await waitUntilOnline(page)
  return page
}
