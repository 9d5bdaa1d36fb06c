/**
 * What the server leaves unworded, in real Chromium on a page in Bahasa Indonesia: a bot it sends
 * without a name, and a hand-off note the page cannot put in its own words.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import type { ReferenceServer } from '../../server/index'
import { buildRenderer, ROOT } from './support/build-renderer'
import { startEditedServer } from './support/edited-server'
import { openObserveOn } from './support/observe-on'
import { closeAll } from './support/teardown'

const CUSTOMER = 'Wulan Tanpanama'
const NOTE = 'Conversation resolved by Citra Maharani'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-thread-words-e2e-'))
  server = await startEditedServer(dir, 40, (db) => {
    const id = (db.prepare("SELECT id FROM conversations WHERE status = 'handled' ORDER BY id LIMIT 1").get() as { id: number }).id
    const at = Date.now() - 60_000
    db.prepare('UPDATE conversations SET customer_name = ?, thread_ready = 1 WHERE id = ?').run(CUSTOMER, id)
    db.prepare('DELETE FROM messages WHERE conversation_id = ?').run(id)
    const insert = db.prepare(
      `INSERT INTO messages (conversation_id, direction, sender_kind, sender_name, sender_agent_id, text, event, attachments, created_at)
       VALUES (?, ?, ?, ?, NULL, ?, NULL, NULL, ?)`,
    )
    insert.run(id, 'in', 'customer', CUSTOMER, 'Halo, mau tanya ongkir', at)
    insert.run(id, 'out', 'bot', '', 'Terima kasih, mohon tunggu sebentar', at + 1000)
    insert.run(id, 'out', 'system', 'System', NOTE, at + 2000)
  })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

it("shows a nameless bot by its tag alone, heard once as automated, and marks the note the page cannot word as the server's English", async () => {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
  await page.getByRole('searchbox', { name: 'Cari', exact: true }).fill('Tanpanama')
  await page.getByRole('table').getByRole('row').filter({ hasText: CUSTOMER }).click()
  const thread = page.getByRole('complementary', { name: CUSTOMER }).getByRole('region', { name: 'Pesan' })
  const note = thread.getByText(NOTE, { exact: true })
  await note.waitFor()
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'thread-server-words.png') })

  const bot = thread.getByRole('listitem').filter({ hasText: 'Terima kasih, mohon tunggu sebentar' })
  expect(await bot.ariaSnapshot()).toMatch(/^- listitem:\n\s+- text: Bot \(otomatis\)\n/)
  // For the eye, the tag alone: no fallback name beside it.
  await expect.poll(() => bot.getByText('Bot', { exact: true }).count()).toBe(1)

  expect(await note.evaluate((element) => element.closest('[lang]')?.getAttribute('lang'))).toBe('en')
  // The customer's own words are in their own language: never marked as the server's English.
  expect(await thread.getByText('Halo, mau tanya ongkir', { exact: true }).evaluate((element) => element.closest('[lang]')?.getAttribute('lang'))).toBe('id')
})
