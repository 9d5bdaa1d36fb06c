/**
 * A server that answers later than Observe waits (15 s a request) while its change stream goes on:
 * opening a chat whose thread is not cached must say the server is slow and offer to try again,
 * not that a connection is needed under an indicator that says Online.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { buildRenderer } from './support/build-renderer'
import { setLatency, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dataDir: string
let token: string

const latency = (latencyMs: number) => setLatency(server.url, token, latencyMs)

beforeAll(async () => {
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 40, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  dataDir = mkdtempSync(join(tmpdir(), 'observe-slow-server-'))
  ;({ app, browser, page } = await openObserveOn(server, dataDir))
})

afterAll(() => closeAll([browser, app, server], dataDir))

it('says the server is slow to answer a thread, stays Online, and loads it when asked again', async () => {
  await latency(16_000)
  await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first().click()
  const detail = page.getByRole('complementary')
  const slow = detail.getByRole('alert').filter({ hasText: 'The server is slow to answer' })
  await slow.waitFor({ timeout: 40_000 })
  expect(await detail.getByText('not available offline').count()).toBe(0)
  expect(await page.getByRole('status', { name: 'Connection: Online' }).count()).toBe(1)

  await latency(0)
  await slow.getByRole('button', { name: 'Try again' }).click()
  await slow.waitFor({ state: 'detached', timeout: 20_000 })
  await expect.poll(() => detail.getByRole('group', { name: 'Messages' }).getByRole('listitem').count(), { timeout: 20_000 }).toBeGreaterThan(0)
})
