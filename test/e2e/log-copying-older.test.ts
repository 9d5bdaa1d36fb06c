/**
 * Log History while its first copy of a long log is under way, in Chromium (browser mode): the
 * newest hand-offs come first, and the log's end says older ones are still being copied, not that
 * nothing older is kept, until they are all there.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import type { AssignmentRecord } from '../../shared/api'
import { buildRenderer } from './support/build-renderer'
import { openObserveOn } from './support/observe-on'
import { assignmentLog, setLatency, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dataDir: string
let token: string
let records: AssignmentRecord[]
const pageErrors: string[] = []

const latency = (latencyMs: number) => setLatency(server.url, token, latencyMs)

beforeAll(async () => {
  await buildRenderer()
  // About 2,000 hand-offs over four weeks, each page of the log a second and a half away: the copy is caught under way.
  server = await startReferenceServer({ port: 0, seed: 2000, sim: false, demo: true, faults: { latencyMs: 1500 } })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  records = await assignmentLog(server.url, token)
  dataDir = mkdtempSync(join(tmpdir(), 'observe-log-copying-'))
  ;({ app, browser, page } = await openObserveOn(server, dataDir, pageErrors))
})

afterAll(() => closeAll([browser, app, server], dataDir))

it('shows the newest hand-offs first and says older ones are still being copied at the end, until they are all there', async () => {
  await page.getByRole('navigation', { name: 'Observe pages' }).getByRole('button', { name: 'Log History', exact: true }).click()
  const log = page.getByRole('table', { name: 'Hand-offs, newest first' })
  const rows = log.locator('[role="row"][data-id]')
  const newest = records.at(-1)!
  await log.locator(`[role="row"][data-id="${newest.id}"]`).waitFor({ timeout: 60_000 })
  expect(await rows.first().getAttribute('data-id')).toBe(String(newest.id))

  // End reaches the oldest hand-off copied so far: older ones are on their way, and the page says so.
  await rows.first().focus()
  await page.keyboard.press('End')
  const copying = page.getByText('Older hand-offs are still being copied to this computer. They appear here as they arrive.')
  await copying.waitFor()
  expect(await page.getByText('Nothing older is kept on this computer.').count()).toBe(0)
  expect(await log.locator(`[role="row"][data-id="${records[0]!.id}"]`).count()).toBe(0)

  await latency(0)
  await page.getByText('Nothing older is kept on this computer.').waitFor({ timeout: 30_000 })
  expect(await copying.count()).toBe(0)
  await log.locator(`[role="row"][data-id="${records[0]!.id}"]`).waitFor()
  expect(pageErrors).toEqual([])
})
