/**
 * A chat of thousands of messages, in Chromium: the detail shows the newest, and "Show earlier
 * messages" reads back (from the cache, then the server) to the first, leaving in view what the
 * supervisor was reading; each press reads only the messages older than those shown. A message
 * arriving meanwhile does not pull them down to the end, nor reads again the thousands already
 * shown; and only the messages in view are in the page.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openPage, waitUntilOnline } from './support/browser'
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
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir: join(dir, 'app') })
  browser = await launchBrowser()
  // Every read of a thread the page asks the core for, with how many messages it answered.
  page = await openPage(browser, 'about:blank')
  page.on('websocket', (socket) => {
    const asked = new Map<number, ThreadRead>()
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { id: number; channel: string; input: ThreadRead['input'] }
      if (frame.channel === 'conversations:get' || frame.channel === 'conversations:loadEarlierMessages') asked.set(frame.id, { input: frame.input, answered: null })
    })
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { id?: number; result?: { ok: boolean; value?: { messages: unknown[] } } }
      const read = frame.id === undefined ? undefined : asked.get(frame.id)
      if (read && frame.result?.value) threadReads.push({ ...read, answered: frame.result.value.messages.length })
    })
  })
  await page.goto(app.url)
  await waitUntilOnline(page)
  await page.setViewportSize({ width: 1280, height: 800 })
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

interface ThreadRead {
  input: { id: number; held?: unknown; before?: number }
  answered: number | null
}
const threadReads: ThreadRead[] = []

/** How many messages the thread holds, as its list tells a screen reader (only those in view are in the page). */
async function held(thread: Locator): Promise<number> {
  return Number(await thread.getByRole('listitem').first().getAttribute('aria-setsize'))
}

/** Elements in the whole page. */
const pageSize = (page: Page): Promise<number> => page.locator('*').count()

/** The text of the first message wholly in the thread's view, below what stands over it. */
async function firstInView(thread: Locator): Promise<string> {
  return thread.evaluate((el) => {
    const edge = el.getBoundingClientRect().top
    const shown = [...el.querySelectorAll('ol > li')].find((li) => li.getBoundingClientRect().top >= edge + 48)
    return shown?.querySelector('.text')?.textContent ?? ''
  })
}

/** Whether a message is inside the thread's visible area. */
/**
 * Searches the list and waits until it holds only the chat the words find: the chat's row is in
 * the list before the search too, and opened then it opens at its newest messages, not at the match.
 */
async function searchFor(words: string, customer: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill(words)
  const rows = page.getByRole('table').first().locator('[role="row"][data-id]')
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1)
  expect(await rows.innerText()).toContain(customer)
}

async function inView(scroller: Locator, message: Locator): Promise<boolean> {
  const [outer, inner] = await Promise.all([scroller.boundingBox(), message.boundingBox()])
  return outer !== null && inner !== null && inner.y + inner.height > outer.y && inner.y < outer.y + outer.height
}

describe('a long thread', () => {
  it('opens at its newest messages and reads back to the first, keeping in view what was read', async () => {
    await page.getByRole('table').getByRole('row').filter({ hasText: 'Rina Panjangsekali' }).click()
    const panel = page.getByRole('complementary', { name: 'Rina Panjangsekali' })
    const thread = panel.getByRole('group', { name: 'Messages' })
    await expect.poll(() => held(thread), { timeout: 15_000 }).toBe(200)
    const newest = thread.getByText(`Masih menunggu (${WRITTEN}/${WRITTEN})`)
    await expect.poll(() => inView(thread, newest)).toBe(true)

    // Up at the oldest shown, then further back: that message stays where the eye was.
    const oldestShown = thread.getByText(`Masih menunggu (${WRITTEN - 199}/${WRITTEN})`)
    await thread.evaluate((el) => (el.scrollTop = 0))
    const earlier = thread.getByRole('button', { name: 'Show earlier messages' })
    await earlier.click()
    await expect.poll(() => held(thread)).toBe(400)
    expect(await inView(thread, oldestShown)).toBe(true)

    // Back to the first message, through the cache and then the server, by keyboard: the button
    // stays in view under the focus, and what was being read stays in view below it.
    // Named "Loading earlier messages…" while it loads: gone is when neither name is there.
    const earlierAtAll = thread.getByRole('button', { name: /earlier messages/ })
    threadReads.length = 0
    for (let shown = 400; await earlier.isVisible(); ) {
      const reading = thread.getByText(await firstInView(thread), { exact: true })
      await earlier.focus()
      await page.keyboard.press('Enter')
      await expect.poll(async () => (await held(thread)) > shown || !(await earlierAtAll.isVisible()), { timeout: 15_000 }).toBe(true)
      shown = await held(thread)
      if (await earlier.isVisible()) {
        await expect.poll(() => earlier.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
        await expect.poll(() => inView(thread, earlier)).toBe(true)
        await expect.poll(() => inView(thread, reading)).toBe(true)
      }
    }
    // Every message and the first, which is not one of them.
    expect(await held(thread)).toBe(WRITTEN + 1)
    // Each press read only the page before the oldest message shown, not again the thousands shown.
    const reads = threadReads.filter((read) => read.input.id === chatId)
    expect(reads.filter((read) => read.input.before !== undefined).length).toBeGreaterThanOrEqual(Math.ceil((WRITTEN + 1 - 400) / 200))
    expect(reads.every((read) => read.answered !== null && read.answered <= 200)).toBe(true)
    // Only those in view are in the page: 2,301 messages were 17,000 elements.
    expect(await thread.getByRole('listitem').count()).toBeLessThan(60)
    expect(await pageSize(page)).toBeLessThan(4000)
    // The last press, by keyboard, took the button away: the focus stays in the thread.
    await expect.poll(() => thread.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await thread.evaluate((el) => (el.scrollTop = 0))
    await expect.poll(() => inView(thread, thread.getByText('Halo, ini pesan pertama saya'))).toBe(true)
  }, 120_000)

  it('stays where the supervisor is reading when a new message arrives, reading only the new one', async () => {
    const thread = page.getByRole('group', { name: 'Messages' })
    await thread.evaluate((el) => (el.scrollTop = 0))
    const before = await held(thread)
    threadReads.length = 0
    await writeDemoMessages(server.url, token, chatId, 'Halo? Ada orang?')
    await expect.poll(() => held(thread), { timeout: 15_000 }).toBe(before + 1)
    expect(await thread.evaluate((el) => el.scrollTop)).toBe(0)
    expect(await inView(thread, thread.getByText('Halo, ini pesan pertama saya'))).toBe(true)
    // The core was asked for what is newer than what the page holds, not for the 2,301 again.
    const reads = threadReads.filter((read) => read.input.id === chatId)
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.every((read) => read.input.held !== undefined && read.answered !== null && read.answered <= 1)).toBe(true)

    // At the end, a new message comes into view.
    await thread.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await writeDemoMessages(server.url, token, chatId, 'Halo lagi')
    const newest = thread.getByText('Halo lagi')
    await newest.waitFor({ timeout: 15_000 })
    await expect.poll(() => inView(thread, newest)).toBe(true)
    expect(await pageSize(page)).toBeLessThan(4000)
  })

  it('goes back to the message a search finds in the open thread, however far back', async () => {
    const { id } = await createDemoConversation(server.url, token, { customerName: 'Sari Jauhsekali', text: 'Resi saya ZX-zebracode-77 belum bergerak' })
    await writeDemoMessages(server.url, token, id, 'Tolong dicek', 400)
    await page.getByRole('table').getByRole('row').filter({ hasText: 'Sari Jauhsekali' }).click()
    const thread = page.getByRole('complementary', { name: 'Sari Jauhsekali' }).getByRole('group', { name: 'Messages' })
    // Open at its newest messages: the first one, 400 back, is not read.
    await thread.getByText('Tolong dicek').first().waitFor({ timeout: 15_000 })
    expect(await thread.getByText(/zebracode/).count()).toBe(0)
    // The cache cannot find the word (it is in no message the cache holds), but the open thread reaches back to it.
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('zebracode')
    const found = thread.locator('mark', { hasText: 'zebracode' })
    await found.waitFor({ timeout: 15_000 })
    await expect.poll(() => inView(thread, found)).toBe(true)
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('')
  })

  it('opens under a search at its match behind messages far taller than a line', async () => {
    const { id } = await createDemoConversation(server.url, token, { customerName: 'Tari Panjangpesan', text: 'Halo' })
    // Three long messages with the word at their end, then short ones after: each is measured only once drawn.
    await writeDemoMessages(server.url, token, id, `${'Pesanan saya belum sampai dan saya sudah menunggu lama sekali. '.repeat(28)}akhirpanjang`, 3)
    await writeDemoMessages(server.url, token, id, 'Tolong dicek', 50)
    // Opened once, the thread is cached and the search finds the chat by its words; closed, nothing of it stays measured.
    const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Tari Panjangpesan' })
    await row.click()
    const detail = page.getByRole('complementary', { name: 'Tari Panjangpesan' })
    await expect.poll(() => held(detail.getByRole('group', { name: 'Messages' })), { timeout: 15_000 }).toBe(54)
    await detail.getByRole('button', { name: 'Close details' }).click()
    await detail.waitFor({ state: 'detached' })
    await searchFor('akhirpanjang', 'Tari Panjangpesan')
    await row.click()
    const thread = detail.getByRole('group', { name: 'Messages' })
    const marks = thread.locator('mark', { hasText: 'akhirpanjang' })
    await marks.first().waitFor({ timeout: 15_000 })
    // The newest match is the one in view, not only its message's top.
    await expect.poll(() => inView(thread, marks.last())).toBe(true)
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('')
  })
})
