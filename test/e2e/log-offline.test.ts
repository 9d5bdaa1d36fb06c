/**
 * Log History with the server gone, in real Chromium (browser mode): the page says its log is as of
 * the last sync and that queued assignments show once sent, only while offline, without moving the
 * entry under the keyboard, in the smallest window where the words wrap the most.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MIN_WINDOW } from '../../shared/ipc/settings'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { buildRenderer, ROOT } from './support/build-renderer'
import { openObserveOn } from './support/observe-on'
import { closeAll } from './support/teardown'

let server: ReferenceServer | undefined
let app: WebApp
let browser: Browser
let page: Page
let dir: string
const pageErrors: string[] = []

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-log-offline-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 61, sim: false, demo: true, heartbeatMs: 500, dbFile: join(dir, 'server.sqlite') })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app'), pageErrors))
})

afterAll(() => closeAll([browser, app, server], dir))

it('says offline that the log is as of the last sync, once, without moving the entry under the keyboard', async () => {
  await page.setViewportSize(MIN_WINDOW)
  // In Bahasa the note is longer than the intro it replaces, and wraps in the smallest window.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
  await page.getByRole('navigation', { name: 'Halaman Observe' }).getByRole('button', { name: 'Log History', exact: true }).click()
  const rows = page.getByRole('table', { name: 'Penugasan dan pengalihan, terbaru di atas' }).getByRole('row').filter({ has: page.getByRole('cell') })
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(3)
  // A status region's name is not its words: it is found by what it says.
  const note = (words: string) => page.getByRole('status').filter({ hasText: words })
  const said = note('Offline: menampilkan penugasan dan pengalihan per sinkronisasi terakhir. Penugasan yang menunggu dikirim muncul di sini setelah terkirim.')
  expect(await said.count()).toBe(0)

  const entry = rows.nth(2)
  await entry.focus()
  const id = await entry.getAttribute('data-id')
  const top = async () => (await entry.boundingBox())!.y
  const before = await top()

  await server!.close()
  server = undefined
  await page.getByRole('status', { name: 'Koneksi: Offline' }).waitFor({ timeout: 30_000 })
  await said.waitFor()
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'log-offline-id.png') })
  expect(await top()).toBe(before)
  expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('data-id') ?? null")).toBe(id)

  await page.getByRole('combobox', { name: 'Bahasa' }).selectOption('en')
  await note('Offline: showing hand-offs as of the last sync. Assignments you queue appear here once sent.').waitFor()
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'log-offline.png') })
  expect(pageErrors).toEqual([])
})
