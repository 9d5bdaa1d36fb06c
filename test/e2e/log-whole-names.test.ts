/**
 * Log History at the smallest window's width: a customer's or an agent's name its columns cut is
 * shown whole under the row while the keyboard is on it, as on the Customer page's list. Its
 * title showed it only to a pointer.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import type { ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { renameFirstOnlineAgent, startEditedServer } from './support/edited-server'
import { buildRenderer } from './support/build-renderer'
import { createDemoConversation, handOff, signIn } from './support/reference'
import { fetchWorkspace } from './support/server-data'
import { closeAll } from './support/teardown'

/** A full Indonesian name, longer than a Log History agent column at 960px. */
const AGENT = 'Muhammad Rizky Ramadhan Saputra Wicaksono'
/** Longer than the customer column at 960px. */
const CUSTOMER = 'Kusumawardhani Prameswari Anggraeni Puspitasari'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-log-whole-names-e2e-'))
  server = await startEditedServer(dir, 50, (db) => renameFirstOnlineAgent(db, AGENT))
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  const chat = await createDemoConversation(server.url, token, { customerName: CUSTOMER, text: 'Pesanan saya belum sampai' })
  const agent = (await fetchWorkspace(server.url, token)).agents.find((a) => a.name === AGENT)!
  await handOff(server.url, token, chat.id, 'assign', agent.id)
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app'), [], { context: { viewport: { width: 960, height: 720 } } }))
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

/** Its text fits its box: no ellipsis, nothing clipped. */
const whole = (text: Locator): Promise<boolean> => text.evaluate((el) => el.scrollWidth <= el.clientWidth)

it('shows a cut customer and agent name whole under a Log History row the keyboard is on', async () => {
  await page.getByRole('navigation', { name: 'Observe pages' }).getByRole('button', { name: 'Log History', exact: true }).click()
  const row = page.getByRole('table', { name: 'Hand-offs, newest first' }).getByRole('row', { name: new RegExp(CUSTOMER) })
  await row.waitFor({ timeout: 30_000 })
  // Cut at this width, else there is nothing to show whole.
  expect(await whole(row.getByText(CUSTOMER, { exact: true }))).toBe(false)
  expect(await whole(row.getByText(AGENT, { exact: true }))).toBe(false)

  // The keyboard is in use: the row gets the focus ring, and with it the tip.
  await page.keyboard.press('Shift')
  await row.focus()
  const tip = page.getByRole('tooltip', { includeHidden: true })
  await tip.getByText(CUSTOMER, { exact: true }).waitFor({ timeout: 5_000 })
  await tip.getByText(AGENT, { exact: true }).waitFor()
  expect(await whole(tip.getByText(CUSTOMER, { exact: true }))).toBe(true)

  // Esc hides it, and the focus stays on the row.
  await page.keyboard.press('Escape')
  await tip.waitFor({ state: 'detached' })
  expect(await row.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
})
