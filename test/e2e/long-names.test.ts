/**
 * Names as long as real ones get: an agent named by a long unbroken string, and a customer with a
 * name of 200 letters. The Assign dialog still shows every agent's presence and load inside it,
 * and a message still shows its time inside the detail panel.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import type { ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { renameFirstOnlineAgent, startEditedServer } from './support/edited-server'
import { buildRenderer } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

const LONG_AGENT = `cs.jakarta.selatan.shift.malam.${'x'.repeat(140)}@perusahaan.example`
const LONG_CUSTOMER = `Wulan${'panjang'.repeat(27)}`

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-long-names-e2e-'))
  // The seeded store, with one online agent renamed, as a contact center's account names go.
  server = await startEditedServer(dir, 60, (db) => renameFirstOnlineAgent(db, LONG_AGENT))
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  await createDemoConversation(server.url, token, { customerName: LONG_CUSTOMER, text: 'Halo, paket saya belum sampai' })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
  await page.setViewportSize({ width: 1280, height: 800 })
})

afterAll(() => closeAll([browser, app, server], dir))

const right = async (locator: ReturnType<Page['locator']>): Promise<number> => {
  const box = await locator.boundingBox()
  if (!box) throw new Error('not laid out')
  return box.x + box.width
}

describe('long names', () => {
  it('keep every agent’s presence and load inside the Assign dialog', async () => {
    await page.getByRole('tab', { name: /In Queue/ }).click()
    const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Wulanpanjang' })
    await row.getByRole('button', { name: /^Assign / }).click()
    const dialog = page.getByRole('dialog', { name: 'Assign to agent' })
    await dialog.getByRole('radio', { name: new RegExp(LONG_AGENT.slice(0, 30).replace(/\./g, '\\.')) }).waitFor()
    const edge = await right(dialog)
    const loads = dialog.locator('.agent .load')
    expect(await loads.count()).toBeGreaterThan(1)
    for (let i = 0; i < (await loads.count()); i++) expect(await right(loads.nth(i))).toBeLessThanOrEqual(edge)
    // The whole name is still there to read, in its tooltip.
    expect(await dialog.locator('.agent .name', { hasText: 'cs.jakarta' }).getAttribute('title')).toBe(LONG_AGENT)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  })

  it('keep a message’s time inside the detail panel', async () => {
    await page.getByRole('table').getByRole('row').filter({ hasText: 'Wulanpanjang' }).click()
    const panel = page.getByRole('complementary', { name: LONG_CUSTOMER })
    const time = panel.locator('.bubble time').first()
    await time.waitFor()
    expect(await right(time)).toBeLessThanOrEqual(await right(panel))
  })
  it('leave the page no wider than the window when the agents on Handled outnumber its width', async () => {
    await page.keyboard.press('Escape')
    await page.setViewportSize({ width: 1366, height: 800 })
    await page.getByRole('tab', { name: /Handled/ }).click()
    const strip = page.getByRole('region', { name: 'Who serves whom' }).getByRole('list')
    await strip.waitFor()
    // The strip scrolls inside itself; what it holds must not widen the page (a page-wide sideways scroll).
    expect(await strip.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0)
  })
})
