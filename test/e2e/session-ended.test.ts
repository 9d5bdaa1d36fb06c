/**
 * The session ends under the supervisor (the server no longer takes the token) while an
 * assignment waits in the outbox, in real Chromium: the sign-in screen that comes back says the
 * assignment is kept and for which account, since another account or the demo server never sends it.
 */
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openPage, waitUntilOnline } from './support/browser'
import { buildRenderer, ROOT } from './support/build-renderer'
import { agentWithRoom, createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')

let server: ReferenceServer | undefined
let app: WebApp
let browser: Browser
let page: Page
let dir: string
const pageErrors: string[] = []
const serverOptions = (dbFile: string, port: number) => ({ port, seed: 60, sim: false, demo: true, heartbeatMs: 500, dbFile })

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-session-ended-e2e-'))
  server = await startReferenceServer(serverOptions(join(dir, 'server.sqlite'), 0))
  // No password given: Observe keeps only the token, so a refused token ends the session.
  app = await startWebApp({ server: { url: server.url }, dataDir: join(dir, 'app') })
  browser = await launchBrowser()
  page = await openPage(browser, app.url, pageErrors)
})

afterAll(() => closeAll([browser, app, server], dir))

it('says on the sign-in screen that a queued assignment is kept for the account whose session ended', async () => {
  const { url, port, credentials } = server!
  await page.getByLabel('E-mail').fill(credentials.email)
  await page.getByLabel('Password').fill(credentials.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await waitUntilOnline(page)

  const token = await signIn(url, credentials.email, credentials.password)
  await createDemoConversation(url, token, { customerName: 'Rina Sesiberakhir', text: 'Halo, mohon bantuannya' })
  const target = await agentWithRoom(url, token)
  await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
  const row = page.getByRole('table').getByRole('row', { name: /Rina Sesiberakhir/ })
  await row.waitFor({ timeout: 20_000 })

  // The server goes away, so the assignment waits in the outbox ...
  await server!.close()
  server = undefined
  await page.getByRole('status', { name: 'Connection: Offline' }).waitFor({ timeout: 30_000 })
  await row.getByRole('button', { name: 'Assign Rina Sesiberakhir' }).click()
  const dialog = page.getByRole('dialog', { name: 'Assign to agent' })
  await dialog.getByRole('radio', { name: new RegExp(target.name) }).check()
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click()
  // Queued, the chat moves to Handled at once, marked Pending; In Queue's row can leave before its mark shows.
  await page.getByRole('tab', { name: 'Handled', exact: true }).click()
  await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain('Pending')

  // ... and comes back having forgotten every token.
  const store = new Database(join(dir, 'server.sqlite'))
  store.prepare('DELETE FROM tokens').run()
  store.close()
  server = await startReferenceServer(serverOptions(join(dir, 'server.sqlite'), port))

  const ended = page.getByRole('status').filter({ hasText: 'Your session has ended.' })
  await ended.waitFor({ timeout: 30_000 })
  expect(await ended.textContent()).toContain(`One action is not sent yet: it is kept, and sent once you sign in again as ${credentials.email} to ${url}.`)
  await page.screenshot({ path: join(SCREENSHOTS, 'session-ended-unsent.png') })
  await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
  await page.getByRole('status').filter({ hasText: 'Sesi Anda telah berakhir.' }).getByText('Satu tindakan belum terkirim', { exact: false }).waitFor()
  await page.screenshot({ path: join(SCREENSHOTS, 'session-ended-unsent-id.png') })
  expect(pageErrors).toEqual([])
})
