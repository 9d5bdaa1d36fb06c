/**
 * A customer whose name has a letter Unicode does not take apart (Đ, Ł, ß) is found by typing it
 * plainly, as a keyboard without the letter types it, and the name is marked where it matched.
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
  dir = mkdtempSync(join(tmpdir(), 'observe-plain-letters-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 61, sim: false, demo: true, dbFile: join(dir, 'server.sqlite') })
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  await createDemoConversation(server.url, token, { customerName: 'Đặng Văn Lâm', text: 'Paket saya dari Łódź belum sampai' })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
  await page.setViewportSize({ width: 1280, height: 800 })
})

afterAll(() => closeAll([browser, app, server], dir))

it('finds "Đặng Văn Lâm" by "dang van", marking the name as written', async () => {
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('dang van')
  const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Đặng Văn Lâm' })
  // Marks show only once the search has answered: before it, the row is there unmarked.
  await expect.poll(() => row.locator('mark').allInnerTexts(), { timeout: 10_000 }).toEqual(['Đặng', 'Văn'])
  // The header row and this one: the search finds nobody else in the seed.
  await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(2)
})
