/**
 * A toast the pointer rests on stays, and newer ones still show: in a window with room for one toast
 * (1280×720), a chat arriving while the supervisor's pointer rests on another chat's toast is shown
 * above it, the held toast where it was, and the newer one's Open reached by moving up to it. In
 * the top corner, where the toasts go out of the keyboard focus's way, the newer one comes in below.
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
  server = await startReferenceServer({ port: 0, seed: 300, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  dir = mkdtempSync(join(tmpdir(), 'observe-toast-held-e2e-'))
  // No long-wait alerts: the only toasts are the chats this file creates, told in the order it creates them.
  const alertOff = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, waitingTooLongMinutes: 0 } }
  writeFileSync(settingsFile(dir), JSON.stringify(alertOff))
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir: dir })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url, errors)
})

afterAll(() => closeAll([browser, app, server], dir))

const notices = () => page.getByRole('status', { name: 'Notifications' })
/** Resolves once the page has drawn twice more: whatever a pointer move changed has been laid out. */
const drawn = () => page.evaluate<void>('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))')

describe('a toast held under the pointer in a window with room for one', () => {
  it('lets a newer chat show above it, the held one staying where it is, and the newer one opens from there', async () => {
    await createDemoConversation(server.url, token, { customerName: 'Rina Restingpointer', text: 'Halo' })
    const held = notices().getByRole('button', { name: 'Open the chat with Rina Restingpointer' })
    await held.hover({ timeout: TOLD_WITHIN_MS })
    const heldAt = await held.boundingBox()

    await createDemoConversation(server.url, token, { customerName: 'Bayu Behindtoast', text: 'Sudah lama saya menunggu' })
    const newer = notices().getByRole('button', { name: 'Open the chat with Bayu Behindtoast' })
    await newer.waitFor({ state: 'visible', timeout: TOLD_WITHIN_MS })
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'toast-held-newer-above.png') })
    // Above the held one, which has not moved from under the pointer.
    expect(await held.boundingBox()).toEqual(heldAt)
    expect((await newer.boundingBox())!.y).toBeLessThan(heldAt!.y)

    // Up to the newer one, as a hand moves, across the gap between them: the held one stays until the
    // pointer leaves the stack, so the newer one does not drop from under it on the way.
    const newerAt = (await newer.boundingBox())!
    const target = { x: newerAt.x + newerAt.width / 2, y: newerAt.y + newerAt.height / 2 }
    await page.mouse.move(target.x, target.y, { steps: 20 })
    await drawn()
    expect(await newer.boundingBox()).toEqual(newerAt)
    expect(await held.boundingBox()).toEqual(heldAt)
    await page.mouse.click(target.x, target.y)
    await page.getByRole('complementary', { name: 'Bayu Behindtoast' }).getByText('Sudah lama saya menunggu').first().waitFor()
    expect(errors).toEqual([])
  })

  it('in the top corner, out of the way of the keyboard focus, lets the newer chat in below it, the held one staying where it is', async () => {
    const detail = page.getByRole('complementary')
    if (await detail.count()) await detail.getByRole('button', { name: 'Close details' }).click()
    await page.mouse.move(0, 0)
    // The smallest window zoomed to 200%, where the toasts reach over the bar's buttons.
    await page.setViewportSize({ width: 480, height: 300 })
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    // By keyboard: pick a row, then go to the bar's buttons, low on the right where the toasts sit.
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    await rows.first().getByRole('checkbox').focus()
    await page.keyboard.press('Space')
    const bar = page.getByRole('region', { name: 'Selected conversations' })
    await bar.getByRole('button', { name: 'Assign selected to me' }).focus()

    await createDemoConversation(server.url, token, { customerName: 'Sari Uppercorner', text: 'Halo' })
    const held = notices().getByRole('button', { name: 'Open the chat with Sari Uppercorner' })
    await held.hover({ timeout: TOLD_WITHIN_MS })
    const heldAt = (await held.boundingBox())!
    expect(heldAt.y).toBeLessThan(page.viewportSize()!.height / 2)

    await createDemoConversation(server.url, token, { customerName: 'Joko Belowtoast', text: 'Halo' })
    const newer = notices().getByRole('button', { name: 'Open the chat with Joko Belowtoast' })
    await newer.waitFor({ state: 'visible', timeout: TOLD_WITHIN_MS })
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'toast-held-newer-below.png') })
    expect(await held.boundingBox()).toEqual(heldAt)
    expect((await newer.boundingBox())!.y).toBeGreaterThan(heldAt.y)
    await bar.getByRole('button', { name: 'Clear selection' }).click()
    expect(errors).toEqual([])
  })
})
