/**
 * A server that answers slowly, fails, or is gone while the supervisor works, in real Chromium:
 * what Pending actions says of an assignment already on its way, and where the keyboard's focus
 * goes once a button it pressed (Try again, Cancel) has done its work and left the page.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openObserve } from './support/browser'
import { buildRenderer, ROOT } from './support/build-renderer'
import { createDemoConversation, setErrorRate, setLatency, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer | undefined
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string
const pageErrors: string[] = []

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-troubled-server-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 300, sim: false, demo: true, heartbeatMs: 500 })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  // A week kept: the seed's older resolved chats are the server's history to search.
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir: join(dir, 'app'), retentionDays: 7 })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url, pageErrors, { consoleErrors: true })
})

afterAll(() => closeAll([browser, app, server], dir))

const screenshot = (name: string) => page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', `${name}.png`) })
const hasFocus = (locator: Locator) => locator.evaluate((element) => element === element.ownerDocument.activeElement)

/** A new chat in the queue, shown in In Queue with no search. */
async function queued(customerName: string): Promise<Locator> {
  await createDemoConversation(server!.url, token, { customerName, text: 'Halo, mohon bantuannya' })
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('')
  await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
  const row = page.getByRole('table').getByRole('row', { name: new RegExp(customerName) })
  await row.waitFor({ timeout: 20_000 })
  return row
}

it('says an assignment the server has not answered yet is being sent, and offers no Cancel that could only fail', async () => {
  const row = await queued('Rahmat Onitsway')
  await row.click()
  await setLatency(server!.url, token, 8_000)
  await page.getByRole('complementary', { name: 'Rahmat Onitsway' }).getByRole('button', { name: 'Assign to me' }).click()
  await page.getByRole('banner').getByRole('button', { name: /^Pending actions/ }).click()
  const pending = page.getByRole('region', { name: 'Pending actions' })
  const item = pending.getByRole('listitem').filter({ hasText: 'Assign Rahmat Onitsway to' })
  await expect.poll(() => item.innerText(), { timeout: 5_000 }).toContain('Sending')
  expect(await item.getByRole('button', { name: /^Cancel/ }).count()).toBe(0)
  await screenshot('pending-action-sending')

  await setLatency(server!.url, token, 0)
  await item.waitFor({ state: 'detached', timeout: 20_000 })
  await page.keyboard.press('Escape')
})

it('keeps the focus in the thread once its Try again has read it', async () => {
  const row = await queued('Tiara Tryagain')
  await setErrorRate(server!.url, token, 1)
  await row.click()
  const detail = page.getByRole('complementary', { name: 'Tiara Tryagain' })
  const retry = detail.getByRole('alert').getByRole('button', { name: 'Try again' })
  await retry.waitFor({ timeout: 20_000 })
  await setErrorRate(server!.url, token, 0)

  await retry.focus()
  await page.keyboard.press('Enter')
  const thread = detail.getByRole('group', { name: 'Messages' })
  await thread.getByText('Halo, mohon bantuannya').waitFor({ timeout: 20_000 })
  await expect.poll(() => hasFocus(thread)).toBe(true)
  await page.keyboard.press('Escape')
})

it('keeps the focus on the older history once its Try again has searched the server', async () => {
  await page.getByRole('tab', { name: 'All', exact: true }).click()
  await setErrorRate(server!.url, token, 1)
  const search = page.getByRole('searchbox', { name: 'Search', exact: true })
  await search.fill('Budi')
  const retry = page.getByRole('alert').filter({ hasText: 'The server could not be searched' }).getByRole('button', { name: 'Try again' })
  await retry.waitFor({ timeout: 20_000 })
  await setErrorRate(server!.url, token, 0)

  await retry.focus()
  await page.keyboard.press('Enter')
  const history = page.getByRole('table', { name: 'Older conversations found on the server' })
  await history.getByRole('row').first().waitFor({ timeout: 20_000 })
  await expect.poll(() => hasFocus(page.getByRole('heading', { name: 'Older history on the server' }))).toBe(true)
  await page.keyboard.press('Escape')
})

it("says in Bahasa Indonesia why an assignment waits to be tried again, not the server's English error", async () => {
  const row = await queued('Wulan Waitagain')
  await row.click()
  // Every API answer a 503; the change stream already open keeps the connection online.
  await setErrorRate(server!.url, token, 1)
  await page.getByRole('complementary', { name: 'Wulan Waitagain' }).getByRole('button', { name: 'Assign to me' }).click()
  await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
  await page.getByRole('banner').getByRole('button', { name: /^Tindakan tertunda/ }).click()
  const item = page.getByRole('region', { name: 'Tindakan tertunda' }).getByRole('listitem').filter({ hasText: 'Tugaskan Wulan Waitagain ke' })
  await expect.poll(() => item.innerText(), { timeout: 20_000 }).toContain('Akan dicoba lagi: server sedang mengalami gangguan')
  expect(await item.innerText()).not.toMatch(/503|status code|failed/i)
  await screenshot('pending-action-retry-id')

  await setErrorRate(server!.url, token, 0)
  await item.waitFor({ state: 'detached', timeout: 40_000 })
  await page.getByRole('combobox', { name: 'Bahasa' }).selectOption('en')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
})

it('moves the focus to the next action when one is cancelled in Pending actions, and to its toggle after the last', async () => {
  const first = await queued('Bayu Cancelfirst')
  const second = await queued('Sinta Cancelsecond')
  await server!.close()
  server = undefined
  await page.getByRole('status', { name: 'Connection: Offline' }).waitFor({ timeout: 30_000 })
  await first.getByRole('checkbox').check()
  await second.getByRole('checkbox').check()
  await page.getByRole('region', { name: 'Selected conversations' }).getByRole('button', { name: 'Assign selected to me' }).click()
  await second.waitFor({ state: 'detached' })

  const toggle = page.getByRole('banner').getByRole('button', { name: /^Pending actions/ })
  await toggle.focus()
  await page.keyboard.press('Enter')
  const pending = page.getByRole('region', { name: 'Pending actions' })
  const cancelFirst = pending.getByRole('button', { name: /^Cancel Assign Bayu Cancelfirst/ })
  const cancelSecond = pending.getByRole('button', { name: /^Cancel Assign Sinta Cancelsecond/ })
  await cancelFirst.focus()
  await page.keyboard.press('Enter')
  await cancelFirst.waitFor({ state: 'detached' })
  await expect.poll(() => hasFocus(cancelSecond)).toBe(true)
  await screenshot('pending-action-cancelled-focus')

  await page.keyboard.press('Enter')
  await cancelSecond.waitFor({ state: 'detached' })
  await expect.poll(() => hasFocus(toggle)).toBe(true)
  // The panel stays open under it, and Esc closes it.
  await pending.getByText('Nothing is waiting to be sent.').waitFor()
  await page.keyboard.press('Escape')
  await pending.waitFor({ state: 'detached' })
  expect(pageErrors).toEqual([])
})
