/**
 * In a short window (1280×600) the toasts have room for one: a chat's notice pushed out of view by
 * an assignment's outcome was drawn nowhere. A button in the stack says how many wait, and shows them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TOLD_WITHIN_MS } from './support/told-within'
import { settingsFile } from '../../electron/main/settings/settings-store'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { DEFAULT_SETTINGS } from '../../shared/ipc/settings'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openObserve } from './support/browser'
import { buildRenderer, ROOT } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string
const errors: string[] = []

beforeAll(async () => {
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 310, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  dir = mkdtempSync(join(tmpdir(), 'observe-toast-more-e2e-'))
  // No long-wait alerts: the only toasts are the ones this file brings about.
  const alertOff = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, waitingTooLongMinutes: 0 } }
  writeFileSync(settingsFile(dir), JSON.stringify(alertOff))
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir: dir })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url, errors, { context: { viewport: { width: 1280, height: 600 } } })
})

afterAll(() => closeAll([browser, app, server], dir))

const notices = () => page.getByRole('status', { name: 'Notifications' })

describe('toasts with no room in a short window', () => {
  it('are counted by a button that shows them, and that goes once none is left', async () => {
    await createDemoConversation(server.url, token, { customerName: 'Ayu Assignfirst', text: 'Halo' })
    await notices().getByRole('button', { name: 'Open the chat with Ayu Assignfirst' }).click({ timeout: TOLD_WITHIN_MS })
    const panel = page.getByRole('complementary', { name: 'Ayu Assignfirst' })
    const assign = panel.getByRole('button', { name: 'Assign to me' })
    await assign.waitFor()

    await createDemoConversation(server.url, token, { customerName: 'Rina Roomless', text: 'Sudah lama saya menunggu' })
    const rina = notices().getByRole('button', { name: 'Open the chat with Rina Roomless' })
    await rina.waitFor({ state: 'visible', timeout: TOLD_WITHIN_MS })
    // The outcome comes in over Rina's notice, which has no room left in this window.
    await assign.click()
    await notices().getByText('Ayu Assignfirst assigned to you').waitFor()
    await expect.poll(() => rina.count()).toBe(0)
    const more = page.getByRole('button', { name: '1 more notification' })
    await more.waitFor({ state: 'visible' })
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'toast-more-waiting.png') })

    await more.click()
    await rina.waitFor({ state: 'visible' })
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'toast-more-shown.png') })
    await expect.poll(() => more.count()).toBe(0)
    await rina.click()
    await page.getByRole('complementary', { name: 'Rina Roomless' }).getByText('Sudah lama saya menunggu').first().waitFor()
    expect(errors).toEqual([])
  })
})
