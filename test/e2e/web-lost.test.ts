/**
 * Browser mode when Observe's own process goes away (quit, or restarted with a new token): a tab
 * left open must not go on saying Online over a page that no longer updates.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { buildRenderer } from './support/build-renderer'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dataDir: string

beforeAll(async () => {
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 50, sim: false, demo: true })
  dataDir = mkdtempSync(join(tmpdir(), 'observe-web-lost-'))
  ;({ app, browser, page } = await openObserveOn(server, dataDir))
})

afterAll(() => closeAll([browser, app, server], dataDir))

it('says offline, and why, once the page has lost Observe itself, though the server is still there', async () => {
  const indicator = page.getByRole('status', { name: 'Connection: Online' })
  await indicator.waitFor()
  await app.close()
  await page.getByRole('status', { name: 'Connection: Offline' }).waitFor({ timeout: 30_000 })
  expect(await page.locator('.connection').getAttribute('title')).toContain('This page has lost Observe itself')
})

it('takes the address a restarted Observe prints, opened in this same tab, and is live again', async () => {
  // Observe again on the same port, with a new token: only the page's fragment changes.
  const port = Number(new URL(app.url).port)
  app = await startWebApp({ server: { url: server.url, email: server.credentials.email, password: server.credentials.password }, dataDir, port })
  expect(Number(new URL(app.url).port)).toBe(port)
  await page.evaluate(`location.hash = ${JSON.stringify(new URL(app.url).hash)}`)
  await page.getByRole('status', { name: 'Connection: Online' }).waitFor({ timeout: 30_000 })
})

