/**
 * Debian's Chromium driven by playwright-core. A missing browser fails the run with a message that
 * says how to fix it: these tests are the only proof the UI works, so they never skip silently.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

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
