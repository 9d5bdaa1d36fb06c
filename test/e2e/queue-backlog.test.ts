/**
 * The queue a supervisor finds is often long past the waiting limit. In the browser that is one
 * toast, not one per chat, and its Show queue button opens In Queue. The alert starts turned off
 * and is turned on in Settings once the page listens, so the page cannot miss the notice; the
 * overdue check runs every half second here instead of every 15 s.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settingsFile } from '../../electron/main/settings/settings-store'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { DEFAULT_SETTINGS } from '../../shared/ipc/settings'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openObserve } from './support/browser'
import { buildRenderer } from './support/build-renderer'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
const errors: string[] = []

beforeAll(async () => {
  await buildRenderer()
  // The default seed's queue holds a few dozen chats, most of them waiting for over five minutes.
  server = await startReferenceServer({ port: 0, seed: 3000, sim: false })
  dir = mkdtempSync(join(tmpdir(), 'observe-backlog-e2e-'))
  const alertOff = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, waitingTooLongMinutes: 0 } }
  writeFileSync(settingsFile(dir), JSON.stringify(alertOff))
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir: dir, overdueEveryMs: 500 })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url, errors)
})

afterAll(() => closeAll([browser, app, server], dir))

describe('a backlog already waiting too long, in the browser', () => {
  it('is one toast, once the alert is turned on, whose Show queue opens In Queue', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    // The field says what 0 does: no alert, and waits still turn red at the default.
    const limit = settings.getByLabel('Alert, and show the wait in red, when a chat waits longer than (minutes; 0 = no alert, red from 5)', { exact: true })
    await limit.fill('5')
    await limit.press('Enter')
    await settings.getByRole('button', { name: 'Close' }).click()

    const notices = page.getByRole('status', { name: 'Notifications' })
    const backlog = notices.locator('.toast').filter({ hasText: /^\d+ chats have waited over 5 min/ })
    await backlog.waitFor({ timeout: 20_000 })
    // Not a toast a chat, beside it.
    expect(await notices.getByText(/ has waited \d+ (minute|hour|day)/).count()).toBe(0)
    const count = Number((await backlog.innerText()).match(/^(\d+)/)![1])
    expect(count).toBeGreaterThan(3)

    await backlog.getByRole('button', { name: 'Show queue' }).click()
    await expect.poll(() => page.getByRole('tab', { name: 'In Queue', exact: true }).getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => backlog.count()).toBe(0)
    // The tab holds at least the chats the toast counted.
    const rows = page.getByRole('table').first().getByRole('row').filter({ has: page.getByRole('cell') })
    await expect.poll(() => rows.count()).toBeGreaterThan(3)
    expect(errors).toEqual([])
  })
})
