/**
 * Browser mode surfaces the main process's queue notices itself: a chat that arrives while the
 * page is in view shows as a toast naming the customer and channel, and nothing is said about
 * what was already waiting when the page opened. The toast opens the chat it names, and so does
 * the notice it leaves in the list under Pending actions.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { accessibilityViolations } from './support/axe'
import { openObserveOn } from './support/observe-on'
import { buildRenderer, ROOT } from './support/build-renderer'
import { TOLD_WITHIN_MS } from './support/told-within'
import { createDemoConversation, signIn, writeDemoMessages } from './support/reference'
import { closeAll } from './support/teardown'
import { waitUntilOnline } from './support/browser'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string

const notices = () => page.getByRole('status', { name: 'Notifications' })

beforeAll(async () => {
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 300, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  dir = mkdtempSync(join(tmpdir(), 'observe-notices-e2e-'))
  ;({ app, browser, page } = await openObserveOn(server, dir))
})

afterAll(() => closeAll([browser, app, server], dir))

describe('queue notices in browser mode', () => {
  it('offers to turn on the browser notifications, asking only when clicked', async () => {
    await expect.poll(() => page.getByRole('button', { name: 'Enable notifications' }).count()).toBe(1)
    // Nothing asked on load: an asked-and-refused (or granted) permission would no longer be 'default'.
    expect(await page.evaluate('Notification.permission')).toBe('default')
  })

  it('shows a toast for a chat that arrives while the page is open, and none for the bootstrap', async () => {
    expect(await notices().innerText()).not.toContain('is waiting on')
    await createDemoConversation(server.url, token, { customerName: 'Rina <b>Toast</b>', text: 'Paket saya belum datang', channel: 'telegram' })
    await expect
      .poll(() => notices().innerText(), { timeout: 15_000 })
      .toContain('Rina <b>Toast</b> is waiting on Telegram: Paket saya belum datang')
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'queue-notice-toast.png') })
    // The pointer on the toast holds it while axe reads the page with it.
    await notices().getByRole('button', { name: 'Open the chat with Rina <b>Toast</b>' }).hover()
    expect(await accessibilityViolations(page)).toEqual([])

    // The toast leads to the chat it names, and goes.
    await notices().getByRole('button', { name: 'Open the chat with Rina <b>Toast</b>' }).click()
    await page.getByRole('complementary', { name: 'Rina <b>Toast</b>' }).getByText('Paket saya belum datang').first().waitFor()
    await expect.poll(() => notices().innerText()).not.toContain('Rina <b>Toast</b> is waiting on')
  })

  it('keeps the notice in the list under Pending actions, with its time, still leading to the chat', async () => {
    const detail = page.getByRole('complementary', { name: 'Rina <b>Toast</b>' })
    await detail.getByRole('button', { name: 'Close' }).click()
    await detail.waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Pending actions' }).click()
    const kept = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: 'Rina <b>Toast</b> is waiting on Telegram' })
    expect(await kept.locator('time').innerText()).toBe('just now')
    expect(await accessibilityViolations(page)).toEqual([])
    await kept.getByRole('button', { name: 'Open the chat with Rina <b>Toast</b>' }).click()
    await detail.getByText('Paket saya belum datang').first().waitFor()
    await page.getByRole('region', { name: 'Pending actions' }).waitFor({ state: 'detached' })
  })

  it('words a notice told in Bahasa Indonesia wholly in English once the supervisor switches, the channel too', async () => {
    const detail = page.getByRole('complementary')
    if (await detail.count()) await detail.getByRole('button', { name: 'Close details' }).click()
    await detail.waitFor({ state: 'detached' })
    await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
    await createDemoConversation(server.url, token, { customerName: 'Wulan Dwibahasa', text: 'Halo', channel: 'facebook_comment' })
    const toasts = page.getByRole('status', { name: 'Notifikasi' })
    await expect.poll(() => toasts.innerText(), { timeout: TOLD_WITHIN_MS }).toContain('Wulan Dwibahasa menunggu di Komentar Facebook: Halo')
    // The pointer on the toast holds it while the language changes.
    await toasts.getByRole('button', { name: 'Buka chat dengan Wulan Dwibahasa' }).hover()

    await page.getByRole('combobox', { name: 'Bahasa' }).selectOption('en')
    // The toast while it is still shown, and the entry it leaves under Pending actions.
    await expect.poll(() => notices().innerText()).toContain('Wulan Dwibahasa is waiting on Facebook comment: Halo')
    await page.getByRole('button', { name: 'Pending actions' }).click()
    const kept = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: 'Wulan Dwibahasa' })
    expect(await kept.innerText()).toContain('Wulan Dwibahasa is waiting on Facebook comment: Halo')
    await page.getByRole('banner').getByRole('button', { name: 'Pending actions' }).click()
    await page.getByRole('region', { name: 'Pending actions' }).waitFor({ state: 'detached' })
    // Held open a while after the pointer left: closed, so the next test's toast has the room.
    const close = notices().getByRole('button', { name: 'Close notification' })
    while (await close.count()) await close.first().click()
    // The pointer off the toasts' place, so it holds none shown there next: a long-wait alert that
    // comes before the next test's chat is told (at the end of a cool-down) would keep its place.
    await page.mouse.move(0, 0)
  })

  it('gives the keyboard back to the Pending actions toggle once Clear notifications has cleared them and gone', async () => {
    await createDemoConversation(server.url, token, { customerName: 'Yusuf Kosongkan', text: 'Halo' })
    await notices().getByText('Yusuf Kosongkan is waiting on', { exact: false }).waitFor({ timeout: TOLD_WITHIN_MS })
    const toggle = page.getByRole('banner').getByRole('button', { name: 'Pending actions' })
    await toggle.focus()
    await page.keyboard.press('Enter')
    const panel = page.getByRole('region', { name: 'Pending actions' })
    const clear = panel.getByRole('button', { name: 'Clear notifications' })
    await clear.focus()
    await page.keyboard.press('Enter')
    await panel.getByText('No notifications yet.').waitFor()
    await expect.poll(() => toggle.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    // The panel still open under it, saying what is left: Esc closes it from there.
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
  })

  it("gives the keyboard to the chat's detail when a toast or Pending actions opens the chat already open there", async () => {
    await createDemoConversation(server.url, token, { customerName: 'Dewi Duakali', text: 'Halo' })
    await notices().getByText('Dewi Duakali is waiting on', { exact: false }).waitFor({ timeout: TOLD_WITHIN_MS })
    const detail = page.getByRole('complementary', { name: 'Dewi Duakali' })
    const inDetail = () => expect.poll(() => page.evaluate<string | null>('document.activeElement?.id ?? null')).toBe('detail-heading')
    // Opened from its row first: the toast then asks for the chat the detail already shows.
    await page.getByRole('table').getByRole('row').filter({ hasText: 'Dewi Duakali' }).click()
    await detail.waitFor()
    await inDetail()

    // The toast goes as it is pressed: the focus went with it, to the page's body, and Esc did nothing.
    await notices().getByRole('button', { name: 'Open the chat with Dewi Duakali' }).focus()
    await page.keyboard.press('Enter')
    await notices().getByText('Dewi Duakali is waiting on', { exact: false }).waitFor({ state: 'detached' })
    await inDetail()

    // From the list under Pending actions: it stayed on the panel's toggle.
    await page.getByRole('banner').getByRole('button', { name: 'Pending actions' }).click()
    const kept = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: 'Dewi Duakali is waiting on' })
    await kept.getByRole('button', { name: 'Open the chat with Dewi Duakali' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('region', { name: 'Pending actions' }).waitFor({ state: 'detached' })
    await inDetail()
    await page.keyboard.press('Escape')
    await detail.waitFor({ state: 'detached' })
  })
})

describe('the open chat under the toasts', () => {
  it('lets its newest message scroll clear of a toast lying over the thread', async () => {
    const chat = await createDemoConversation(server.url, token, { customerName: 'Sinta Threadend', text: 'Halo, pesanan saya belum sampai' })
    await writeDemoMessages(server.url, token, chat.id, 'Masih menunggu kabar', 24)
    await writeDemoMessages(server.url, token, chat.id, 'Ini pesan terakhir saya', 1)
    await notices().getByRole('button', { name: 'Open the chat with Sinta Threadend' }).click({ timeout: TOLD_WITHIN_MS })
    const detail = page.getByRole('complementary', { name: 'Sinta Threadend' })
    const newest = detail.getByRole('group', { name: 'Messages' }).getByRole('listitem').last()
    await expect.poll(() => newest.innerText(), { timeout: 15_000 }).toContain('Ini pesan terakhir saya')

    // A chat arriving while the supervisor reads: its toast lies over the detail's end, held by the pointer.
    await createDemoConversation(server.url, token, { customerName: 'Tono Overthread', text: 'Halo' })
    const toast = notices().getByRole('button', { name: 'Open the chat with Tono Overthread' })
    await toast.hover({ timeout: TOLD_WITHIN_MS })
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'thread-under-toast.png') })
    const toastTop = async () => (await notices().boundingBox())!.y
    const newestBottom = async () => {
      const box = (await newest.boundingBox())!
      return box.y + box.height
    }
    // How far the newest message reaches under the toast, in px.
    await expect.poll(async () => (await newestBottom()) - (await toastTop())).toBeLessThanOrEqual(0)
    expect(await newest.innerText()).toContain('Ini pesan terakhir saya')
    await detail.getByRole('button', { name: 'Close details' }).click()
  })
})

// A chat arriving changes which conversations the list holds, often leaving their number as it was.
describe('rows under a chat that arrives', () => {
  it('keep each row element with its conversation, and the focus with the chat it was on, when a new chat comes in on top', async () => {
    const detail = page.getByRole('complementary')
    if (await detail.count()) await detail.getByRole('button', { name: 'Close details' }).click()
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    await rows.nth(5).waitFor()
    const focused = rows.nth(2)
    const focusedId = await focused.getAttribute('data-id')
    await focused.focus()
    // Each row element notes the conversation it shows now.
    await rows.evaluateAll((all) => all.forEach((row) => row.setAttribute('data-was', row.getAttribute('data-id')!)))

    const arrived = await createDemoConversation(server.url, token, { customerName: 'Lukas Later', text: 'Halo, ada yang bisa bantu?' })
    await expect.poll(() => rows.first().getAttribute('data-id'), { timeout: 15_000 }).toBe(String(arrived.id))

    const moved = await rows.evaluateAll((all) =>
      all.filter((row) => row.hasAttribute('data-was') && row.getAttribute('data-was') !== row.getAttribute('data-id')).map((row) => `${row.getAttribute('data-was')} → ${row.getAttribute('data-id')}`),
    )
    expect(moved).toEqual([])
    expect(await page.evaluate<string | null>(`document.activeElement.getAttribute('data-id')`)).toBe(focusedId)
  })

  it('say how many came in above while the list held still, and take the list up to them on request', async () => {
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    const scroller = page.getByRole('tabpanel').locator('.scroller')
    // From the top, where what came in before (the test above) is in view and told no more.
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }))
    await page.getByRole('button', { name: /new above$/ }).waitFor({ state: 'detached' })
    await rows.nth(3).focus()
    const before = await scroller.evaluate((el) => el.scrollTop)
    await createDemoConversation(server.url, token, { customerName: 'Maya Above', text: 'Halo' })
    const last = await createDemoConversation(server.url, token, { customerName: 'Nina Above', text: 'Halo' })
    await expect.poll(() => rows.first().getAttribute('data-id'), { timeout: 15_000 }).toBe(String(last.id))
    // The rows in view held still, and the two above them are told.
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(before + 2 * 52)
    const newAbove = page.getByRole('button', { name: '2 new above' })
    // Seen above the rows, it is read and reached before them too, not after every one of them.
    const panelTree = await page.getByRole('tabpanel').ariaSnapshot()
    expect(panelTree.indexOf('button "2 new above"')).toBeGreaterThan(-1)
    expect(panelTree.indexOf('button "2 new above"')).toBeLessThan(panelTree.indexOf('- row "'))
    // Shift+Tab from it goes back out of the list, before the table (its rows' controls came first), and Tab comes back to it.
    await newAbove.focus()
    await page.keyboard.press('Shift+Tab')
    expect(await page.evaluate<boolean>("document.activeElement?.closest('[role=\"table\"]') === null")).toBe(true)
    await page.keyboard.press('Tab')
    expect(await page.evaluate<string | null>('document.activeElement?.textContent?.trim() ?? null')).toBe('↑ 2 new above')
    // Tab on from it reaches the list's header, its first sort button, and the rows stay where they held:
    // the button was scrolled clear of the room kept for the header, taking the list to its top and the count with it, unused.
    const held = await scroller.evaluate((el) => el.scrollTop)
    await page.keyboard.press('Tab')
    expect(await page.evaluate<string | null>("document.activeElement?.closest('[role=\"columnheader\"]')?.textContent?.trim() ?? null")).toBe('Customer↕')
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(held)
    expect(await newAbove.count()).toBe(1)
    // By keyboard: the button goes once used, and the focus goes on to the first row, not to the page's body.
    await newAbove.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0)
    await newAbove.waitFor({ state: 'detached' })
    expect(await rows.first().getAttribute('data-id')).toBe(String(last.id))
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-id') ?? document.activeElement?.tagName ?? null")).toBe(String(last.id))
  })
})

// Each tab of the app is told of every notice; a supervisor with two tabs open gets each one once.
describe('two tabs of the app', () => {
  // Chromium runs every tab in view: these tabs can be hidden by hand, and keep what they notify.
  const FAKE_TAB = `
    window.__hidden = false
    window.__notified = []
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (window.__hidden ? 'hidden' : 'visible') })
    window.Notification = class {
      static permission = 'granted'
      static requestPermission = async () => 'granted'
      constructor(_title, options) { window.__notified.push(options.body) }
    }
  `
  const hide = (tab: Page) => tab.evaluate(`window.__hidden = true; document.dispatchEvent(new Event('visibilitychange'))`)
  const notified = (tab: Page) => tab.evaluate<string[]>('window.__notified')
  const heldInView = (tab: Page) =>
    tab.evaluate<number>(`navigator.locks.query().then(({ held }) => held.filter((lock) => lock.name === 'observe:tab-in-view').length)`)

  it('leave a notice to the tab in view, and when none is, to one tab alone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' })
    await context.addInitScript(FAKE_TAB)
    const first = await context.newPage()
    await first.goto(app.url)
    await waitUntilOnline(first)
    const second = await context.newPage()
    await second.goto(app.url)
    await waitUntilOnline(second)

    await hide(second)
    // After a quiet spell, so it is told by a notice of its own: in the cool-down after the chats of
    // the tests before, it would be told with them ("4 new chats waiting").
    await expect.poll(() => app.runtime.planner.quiet(), { timeout: TOLD_WITHIN_MS }).toBe(true)
    await createDemoConversation(server.url, token, { customerName: 'Tomas Twotabs', text: 'Halo' })
    await first.getByRole('status', { name: 'Notifications' }).getByText('Tomas Twotabs is waiting on', { exact: false }).waitFor({ timeout: TOLD_WITHIN_MS })

    await hide(first)
    await expect.poll(() => heldInView(first)).toBe(0)
    await createDemoConversation(server.url, token, { customerName: 'Ursula Unseen', text: 'Halo' })
    // The first tab opened notifies for both; the other, hidden throughout, said nothing of either chat.
    await expect.poll(() => notified(first), { timeout: TOLD_WITHIN_MS }).toEqual([expect.stringContaining('Ursula Unseen is waiting on')])
    expect(await notified(second)).toEqual([])
    await context.close()
  })
})
