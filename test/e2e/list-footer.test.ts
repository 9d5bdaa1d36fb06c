/**
 * The list's footer on Handled after Assign selected to me, in real Chromium: the tab's count is
 * read again as soon as the assignment reaches the cache, its rows a moment later. The page's reads
 * of the list are held back on its socket to stand in that moment.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { buildRenderer, ROOT } from './support/build-renderer'
import { agentWithRoom, createDemoConversation, handOff, signIn } from './support/reference'
import { holdAnswersTo } from './support/held-answers'
import { openObserveOn } from './support/observe-on'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
const pageErrors: string[] = []

const socket = holdAnswersTo('conversations:list')

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-list-footer-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 60, sim: false, demo: true, heartbeatMs: 500, dbFile: join(dir, 'server.sqlite') })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app'), pageErrors, { prepare: socket.prepare }))
})

afterAll(() => closeAll([browser, app, server], dir))

it('numbers the rows Handled shows from row 1 while the chats just assigned are still on their way', async () => {
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  const names = ['Asih Footrow', 'Bayu Footrow', 'Candra Footrow', 'Dewi Footrow']
  const chats = []
  for (const customerName of names) chats.push(await createDemoConversation(server.url, token, { customerName, text: 'Halo' }))
  const agent = await agentWithRoom(server.url, token, 3)
  // Two on Handled already, two waiting: the search leaves Handled 2 rows, then 4.
  for (const chat of chats.slice(0, 2)) await handOff(server.url, token, chat.id, 'assign', agent.id)

  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('Footrow')
  const handled = page.getByRole('tab', { name: 'Handled', exact: true })
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'Footrow' })
  const footer = page.getByText(/^Rows /)
  await handled.click()
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2)
  await expect.poll(() => footer.innerText()).toBe('Rows 1–2 of 2')

  await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
  const box = (name: string) => page.getByRole('checkbox', { name: `Select ${name}` })
  for (const name of names.slice(2)) await box(name).check({ timeout: 20_000 })
  socket.hold()
  await page.getByRole('region', { name: 'Selected conversations' }).getByRole('button', { name: 'Assign selected to me' }).click()
  await handled.click()
  // The count has the two assigned; the rows read before them are still those shown.
  await expect.poll(() => footer.innerText(), { timeout: 20_000 }).toMatch(/ of 4$/)
  expect(await rows.count()).toBe(2)
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'list-footer-held.png') })
  expect(await footer.innerText()).toBe('Rows 1–2 of 4')

  socket.release()
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4)
  await expect.poll(() => footer.innerText()).toBe('Rows 1–4 of 4')
  expect(pageErrors).toEqual([])
})
