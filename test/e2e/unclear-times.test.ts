/**
 * Times the server sends that cannot be right, as the page shows them: a chat through a channel
 * whose clock says 2099, and one whose queued time is 0 (1970). The page says the date is unclear,
 * with what the server sent in words or a tooltip, never "Jan 1, 2099"; and a wait counts from when
 * Observe first saw the chat, marked as the least it can be, not 20,794 days. In both languages.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import type { ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { startEditedServer } from './support/edited-server'
import { buildRenderer } from './support/build-renderer'
import { closeAll } from './support/teardown'

const FUTURE = Date.UTC(2099, 0, 1, 9, 0)
const WORDS = {
  en: { unclear: 'Date unclear', sent: 'The server sent', atLeast: 'at least', close: 'Close details' },
  id: { unclear: 'Tanggal tidak jelas', sent: 'Server mengirim', atLeast: 'sedikitnya', close: 'Tutup detail' },
} as const

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-unclear-times-e2e-'))
  server = await startEditedServer(dir, 200, (db) => {
    const queued = db.prepare("SELECT id FROM conversations WHERE status = 'in_queue' ORDER BY id LIMIT 2").pluck().all() as number[]
    const name = db.prepare('UPDATE conversations SET customer_name = ? WHERE id = ?')
    name.run('Waktu Nol', queued[0])
    db.prepare('UPDATE conversations SET queued_at = 0 WHERE id = ?').run(queued[0])
    name.run('Jam Rusak', queued[1])
    // Its thread is built from these times when first asked for: every message "in 2099" too.
    db.prepare('UPDATE conversations SET created_at = ?, queued_at = ?, updated_at = ?, last_at = ?, thread_ready = 0 WHERE id = ?').run(FUTURE, FUTURE, FUTURE, FUTURE, queued[1])
  })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
  await page.setViewportSize({ width: 1440, height: 800 })
})

afterAll(() => closeAll([browser, app, server], dir))

const row = (name: string) => page.getByRole('table').getByRole('row').filter({ hasText: name })
/** The tabs keep their English names in Bahasa too. */
async function openTab(name: 'All' | 'In Queue'): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click()
  await row('Jam Rusak').waitFor()
}

describe.each(['en', 'id'] as const)('a time that cannot be right, in %s', (lang) => {
  const words = WORDS[lang]

  beforeAll(async () => {
    await page.locator('.language select').selectOption(lang)
  })

  it('says the date is unclear in the list, with what the server sent in the tooltip', async () => {
    await openTab('All')
    for (const column of ['.col-started', '.col-lastActivity']) {
      const cell = row('Jam Rusak').locator(column)
      await expect.poll(() => cell.innerText()).toBe(words.unclear)
      const title = await cell.locator('[title]').first().getAttribute('title')
      expect(title).toContain(words.sent)
      expect(title).toContain('2099')
    }
  })

  it('counts a wait from when Observe first saw the chat, as the least it can be', async () => {
    await openTab('In Queue')
    const waiting = row('Waktu Nol').locator('.col-waiting')
    const shown = await waiting.locator('time').innerText()
    // Minutes at most since the page opened, not 20,794 days.
    expect(shown).toMatch(/^\d{1,2}:\d{2}$/)
    expect(await waiting.innerText()).toContain('≥')
    expect(await waiting.locator('.visually-hidden').innerText()).toContain(words.atLeast)
    expect(await waiting.locator('[title]').getAttribute('title')).toContain('1970')
  })

  it('says so whole in the detail, and in each message of the thread', async () => {
    await row('Jam Rusak').click()
    const panel = page.getByRole('complementary', { name: 'Jam Rusak' })
    await panel.getByText(words.unclear).first().waitFor()
    // The facts have room for what the server sent, in words.
    expect(await panel.locator('.facts').innerText()).toMatch(new RegExp(`${words.unclear}\\s+${words.sent} [^\\n]*2099`))
    const bubbles = panel.locator('.bubble')
    await bubbles.first().waitFor()
    const times = await bubbles.locator('.meta').allInnerTexts()
    expect(times.length).toBeGreaterThan(0)
    for (const text of times) {
      expect(text).toContain(words.unclear)
      expect(text).not.toContain('2099')
    }
    await page.getByRole('button', { name: words.close }).click()
  })
})
