/**
 * Log History in the smallest window: what each hand-off was (assigned, transferred, picked up) is
 * shown whole, in both languages. Bahasa's "Ditugaskan" is wider than any English word there, and
 * its column clipped the end of it at 960px.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { MIN_WINDOW } from '../../shared/ipc/settings'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { buildRenderer } from './support/build-renderer'
import { openObserveOn } from './support/observe-on'
import { closeAll } from './support/teardown'

const WORDS = {
  en: { log: 'Hand-offs, newest first', actions: ['Assigned', 'Transferred', 'Picked up'] },
  id: { log: 'Penugasan dan pengalihan, terbaru di atas', actions: ['Ditugaskan', 'Dialihkan', 'Diambil'] },
} as const

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-log-action-words-e2e-'))
  // The seeded history holds hand-offs of all three kinds.
  server = await startReferenceServer({ port: 0, seed: 140, sim: false, demo: true })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app'), [], { context: { viewport: MIN_WINDOW } }))
  await page.getByRole('navigation', { name: 'Observe pages' }).getByRole('button', { name: 'Log History', exact: true }).click()
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

describe.each(['en', 'id'] as const)('what each hand-off was, in the smallest window, in %s', (lang) => {
  const words = WORDS[lang]

  beforeAll(async () => {
    await page.getByRole('combobox', { name: /^(Language|Bahasa)$/ }).selectOption(lang)
    await page.getByRole('table', { name: words.log }).waitFor()
  })

  it.each(words.actions)('shows "%s" whole in its cell', async (action) => {
    const cell = page.getByRole('table', { name: words.log }).getByRole('cell', { name: action, exact: true }).first()
    await cell.waitFor({ timeout: 30_000 })
    // The cell clips what does not fit (overflow: hidden), so a word wider than it is cut off.
    const width = await cell.evaluate((el) => ({ content: el.scrollWidth, cell: el.clientWidth }))
    expect(width.content, `"${action}" needs ${width.content}px, its cell has ${width.cell}px`).toBeLessThanOrEqual(width.cell)
  })
})
