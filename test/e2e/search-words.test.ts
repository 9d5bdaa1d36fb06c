/**
 * A supervisor finds a customer by words as they type them, not as the customer wrote them: a name
 * with a letter Unicode does not take apart (Đ, Ł, ß) by its plain spelling, and a word written
 * with an Indonesian prefix ("dikirim", "pengiriman") by its root ("kirim"). The rows and the
 * thread mark what the search found.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { buildRenderer } from './support/build-renderer'
import { openObserveOn } from './support/observe-on'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-search-words-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 61, sim: false, demo: true, dbFile: join(dir, 'server.sqlite') })
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  await createDemoConversation(server.url, token, { customerName: 'Đặng Văn Lâm', text: 'Paket saya dari Łódź belum sampai' })
  await createDemoConversation(server.url, token, { customerName: 'Rina Kurniasih', text: 'Paket belum dikirim, pengiriman lama sekali' })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
  await page.setViewportSize({ width: 1280, height: 800 })
})

afterAll(() => closeAll([browser, app, server], dir))

const search = () => page.getByRole('searchbox', { name: 'Search', exact: true })

it('finds "Đặng Văn Lâm" by "dang van", marking the name as written', async () => {
  await search().fill('dang van')
  const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Đặng Văn Lâm' })
  // Marks show only once the search has answered: before it, the row is there unmarked.
  await expect.poll(() => row.locator('mark').allInnerTexts(), { timeout: 10_000 }).toEqual(['Đặng', 'Văn'])
  // The header row and this one: the search finds nobody else in the seed.
  await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(2)
})

it('finds "dikirim" and "pengiriman" by "kirim", says the match is in the messages and marks them in the thread', async () => {
  await search().fill('kirim')
  const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Rina Kurniasih' })
  await expect.poll(() => row.getByText('in messages').count(), { timeout: 10_000 }).toBe(1)
  // The name does not begin with the word: nothing in the row is marked.
  expect(await row.locator('mark').count()).toBe(0)

  await row.click()
  const thread = page.getByRole('complementary', { name: 'Rina Kurniasih' }).getByRole('group', { name: 'Messages' })
  await expect.poll(() => thread.locator('mark').allInnerTexts(), { timeout: 10_000 }).toEqual(['dikirim', 'pengiriman'])
})
