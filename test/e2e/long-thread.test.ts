/**
 * A chat of thousands of messages, in Chromium: the detail shows the newest, and "Show earlier
 * messages" reads back (from the cache, then the server) to the first, leaving in view what the
 * supervisor was reading. A message arriving meanwhile does not pull them down to the end.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { buildRenderer } from './support/build-renderer'
import { createDemoConversation, signIn, writeDemoMessages } from './support/reference'
import { closeAll } from './support/teardown'

const WRITTEN = 2300

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string
let chatId: number

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-long-thread-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 40, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  chatId = (await createDemoConversation(server.url, token, { customerName: 'Rina Panjangsekali', text: 'Halo, ini pesan pertama saya' })).id
  await writeDemoMessages(server.url, token, chatId, 'Masih menunggu', WRITTEN)
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
  await page.setViewportSize({ width: 1280, height: 800 })
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

/** Whether a message is inside the thread's visible area. */
async function inView(scroller: Locator, message: Locator): Promise<boolean> {
  const [outer, inner] = await Promise.all([scroller.boundingBox(), message.boundingBox()])
  return outer !== null && inner !== null && inner.y + inner.height > outer.y && inner.y < outer.y + outer.height
}

describe('a long thread', () => {
  it('opens at its newest messages and reads back to the first, keeping in view what was read', async () => {
    await page.getByRole('table').getByRole('row').filter({ hasText: 'Rina Panjangsekali' }).click()
    const panel = page.getByRole('complementary', { name: 'Rina Panjangsekali' })
    const thread = panel.getByRole('group', { name: 'Messages' })
    const messages = thread.getByRole('listitem').filter({ hasText: 'Masih menunggu' })
    await expect.poll(() => messages.count(), { timeout: 15_000 }).toBe(200)
    expect(await inView(thread, thread.getByText(`Masih menunggu (${WRITTEN}/${WRITTEN})`))).toBe(true)

    // Up at the oldest shown, then further back: that message stays where the eye was.
    const oldestShown = thread.getByText(`Masih menunggu (${WRITTEN - 199}/${WRITTEN})`)
    await thread.evaluate((el) => (el.scrollTop = 0))
    const earlier = thread.getByRole('button', { name: 'Show earlier messages' })
    await earlier.click()
    await expect.poll(() => messages.count()).toBe(400)
    expect(await inView(thread, oldestShown)).toBe(true)

    // Back to the first message, through the cache and then the server.
    for (let shown = 400; await earlier.isVisible(); ) {
      await earlier.focus()
      await page.keyboard.press('Enter')
      await expect.poll(async () => (await messages.count()) > shown || !(await earlier.isVisible()), { timeout: 15_000 }).toBe(true)
      shown = await messages.count()
    }
    expect(await messages.count()).toBe(WRITTEN)
    // The last press, by keyboard, took the button away: the focus stays in the thread.
    await expect.poll(() => thread.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await thread.evaluate((el) => (el.scrollTop = 0))
    expect(await inView(thread, thread.getByText('Halo, ini pesan pertama saya'))).toBe(true)
  }, 120_000)

  it('stays where the supervisor is reading when a new message arrives', async () => {
    const thread = page.getByRole('group', { name: 'Messages' })
    await thread.evaluate((el) => (el.scrollTop = 0))
    await writeDemoMessages(server.url, token, chatId, 'Halo? Ada orang?')
    await thread.getByText('Halo? Ada orang?').waitFor({ state: 'attached', timeout: 15_000 })
    expect(await thread.evaluate((el) => el.scrollTop)).toBe(0)
    expect(await inView(thread, thread.getByText('Halo, ini pesan pertama saya'))).toBe(true)

    // At the end, a new message comes into view.
    await thread.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await writeDemoMessages(server.url, token, chatId, 'Halo lagi')
    const newest = thread.getByText('Halo lagi')
    await newest.waitFor({ timeout: 15_000 })
    await expect.poll(() => inView(thread, newest)).toBe(true)
  })

  it('opens under a search at the message it found, however far back', async () => {
    const { id } = await createDemoConversation(server.url, token, { customerName: 'Sari Jauhsekali', text: 'Resi saya ZX-zebracode-77 belum bergerak' })
    await writeDemoMessages(server.url, token, id, 'Tolong dicek', 400)
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('zebracode')
    await page.getByRole('table').getByRole('row').filter({ hasText: 'Sari Jauhsekali' }).click()
    const thread = page.getByRole('complementary', { name: 'Sari Jauhsekali' }).getByRole('group', { name: 'Messages' })
    const found = thread.locator('mark', { hasText: 'zebracode' })
    await found.waitFor({ timeout: 15_000 })
    await expect.poll(() => inView(thread, found)).toBe(true)
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('')
  })
})
