/**
 * A supervisor searches the root of a word a customer wrote with a prefix ("kirim" for "dikirim"
 * and "pengiriman"): the chat is found, its row says the match is in the messages, and its thread
 * marks the words the search found.
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
  dir = mkdtempSync(join(tmpdir(), 'observe-affixes-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 62, sim: false, demo: true, dbFile: join(dir, 'server.sqlite') })
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  await createDemoConversation(server.url, token, { customerName: 'Rina Kurniasih', text: 'Paket belum dikirim, pengiriman lama sekali' })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
  await page.setViewportSize({ width: 1280, height: 800 })
})

afterAll(() => closeAll([browser, app, server], dir))

it('finds "dikirim" and "pengiriman" by "kirim", says the match is in the messages and marks them in the thread', async () => {
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('kirim')
  const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Rina Kurniasih' })
  await expect.poll(() => row.getByText('in messages').count(), { timeout: 10_000 }).toBe(1)
  // The name does not begin with the word: nothing in the row is marked.
  expect(await row.locator('mark').count()).toBe(0)

  await row.click()
  const thread = page.getByRole('complementary', { name: 'Rina Kurniasih' }).getByRole('group', { name: 'Messages' })
  await expect.poll(() => thread.locator('mark').allInnerTexts(), { timeout: 10_000 }).toEqual(['dikirim', 'pengiriman'])
  await page.screenshot({ path: '/tmp/imbuhan-thread.png' })
})
