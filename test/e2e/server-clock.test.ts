/**
 * A supervisor's PC whose clock is two hours ahead of the server's (a wrong time zone with the
 * right local time does it). Every timestamp is the server's, so a chat that has just arrived must
 * read as just arrived: not as waiting two hours, red, and alerted on the spot.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { buildRenderer } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

const TWO_HOURS = 2 * 3_600_000

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string

beforeAll(async () => {
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 60, sim: false, demo: true, clockSkewMs: -TWO_HOURS })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  dir = mkdtempSync(join(tmpdir(), 'observe-clock-e2e-'))
  ;({ app, browser, page } = await openObserveOn(server, dir))
})

afterAll(() => closeAll([browser, app, server], dir))

describe('a PC clock two hours ahead of the server', () => {
  it('shows a chat that just arrived as just arrived, by the server clock', async () => {
    await page.getByRole('tab', { name: /In Queue/ }).click()
    await createDemoConversation(server.url, token, { customerName: 'Wulan Jam', text: 'Halo, pesanan saya?', channel: 'whatsapp' })
    const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Wulan Jam' })
    await row.waitFor()
    // Heard as words: under a minute, not "2 hours", and without "waiting too long".
    await expect.poll(() => row.locator('.waiting .visually-hidden').innerText()).toBe('under a minute')
    expect(await row.locator('.waiting').getAttribute('data-level')).toBe('ok')
    expect(await row.innerText()).not.toMatch(/2 hr|in \d+ hr/)
  })

  it('says in the connection tooltip that this computer keeps another time', async () => {
    await expect
      .poll(() => page.locator('.connection').getAttribute('title'))
      .toContain("This computer's clock is 2 hours ahead of the server's")
  })
})
