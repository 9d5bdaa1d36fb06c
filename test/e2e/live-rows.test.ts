/**
 * Rows under live updates in Chromium: when the list changes under the supervisor, each row's
 * element stays with its conversation, so the focus on a row never slides to another chat.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openObserve } from './support/browser'
import { buildRenderer } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string

beforeAll(async () => {
  await buildRenderer()
  // No simulator: the one change is the chat this test makes.
  server = await startReferenceServer({ port: 0, seed: 300, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  dir = mkdtempSync(join(tmpdir(), 'observe-live-rows-e2e-'))
  app = await startWebApp({ server: { url: server.url, email: server.credentials.email, password: server.credentials.password }, dataDir: dir })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url)
})

afterAll(() => closeAll([browser, app, server], dir))

describe('rows under live updates', () => {
  it('keep each row element with its conversation, and the focus with the chat it was on, when a new chat comes in on top', async () => {
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    await rows.nth(5).waitFor()
    const focused = rows.nth(2)
    const focusedId = await focused.getAttribute('data-id')
    await focused.focus()
    // Each row element notes the conversation it shows now.
    await rows.evaluateAll((all) => all.forEach((row) => row.setAttribute('data-was', row.getAttribute('data-id')!)))

    const arrived = await createDemoConversation(server.url, token, { customerName: 'Lukas Later', text: 'Halo, ada yang bisa bantu?' })
    await expect.poll(() => rows.first().getAttribute('data-id'), { timeout: 15_000 }).toBe(String(arrived.id))

    const moved = await rows.evaluateAll((all) =>
      all.filter((row) => row.hasAttribute('data-was') && row.getAttribute('data-was') !== row.getAttribute('data-id')).map((row) => `${row.getAttribute('data-was')} → ${row.getAttribute('data-id')}`),
    )
    expect(moved).toEqual([])
    expect(await page.evaluate<string | null>(`document.activeElement.getAttribute('data-id')`)).toBe(focusedId)
  })
})
