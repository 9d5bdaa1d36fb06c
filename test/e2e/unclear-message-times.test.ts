/**
 * A message whose channel's clock cannot be right (2099), as the thread shows it: where the server
 * received it among the others, a later reply below it, its time "Date unclear" with what the
 * channel sent in the tooltip, in both languages. Shown by its own time it sat at the thread's
 * bottom for good.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import type { ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { buildRenderer } from './support/build-renderer'
import { startEditedServer } from './support/edited-server'
import { signIn, writeDemoMessages } from './support/reference'
import { closeAll } from './support/teardown'

const NAME = 'Jam Kanal Rusak'
const FUTURE = Date.UTC(2099, 0, 1, 9, 0)
const MINUTE = 60_000
const WORDS = {
  en: { language: 'Language', messages: 'Messages', unclear: 'Date unclear', sent: 'The channel sent', close: 'Close details' },
  id: { language: 'Bahasa', messages: 'Pesan', unclear: 'Tanggal tidak jelas', sent: 'Channel mengirim', close: 'Tutup detail' },
} as const
/** The thread as the server numbered it; the second came through a channel whose clock says 2099. */
const THREAD = [
  { from: 'customer', text: 'Paket saya belum sampai', at: -50 * MINUTE },
  { from: 'customer', text: 'Ini nomor resinya', at: FUTURE },
  { from: 'agent', text: 'Baik, saya cek dulu', at: -40 * MINUTE },
  { from: 'agent', text: 'Paketnya tiba besok', at: -30 * MINUTE },
] as const
const REPLY = 'Terima kasih banyak'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let chat = 0
/** Whether the customer has written REPLY since the page opened. */
let replied = false
const expected = () => [...THREAD.map((line) => line.text), ...(replied ? [REPLY] : [])]

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-unclear-message-times-e2e-'))
  const now = Date.now()
  const at = (offset: number) => (offset === FUTURE ? FUTURE : now + offset)
  server = await startEditedServer(dir, 200, (db) => {
    const row = db.prepare("SELECT id, agent_id FROM conversations WHERE status = 'handled' ORDER BY id LIMIT 1").get() as { id: number; agent_id: number }
    chat = row.id
    const add = db.prepare(`INSERT INTO messages (conversation_id, direction, sender_kind, sender_name, sender_agent_id, text, attachments, created_at)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`)
    db.prepare('DELETE FROM messages WHERE conversation_id = ?').run(chat)
    for (const line of THREAD) {
      const customer = line.from === 'customer'
      add.run(chat, customer ? 'in' : 'out', line.from, customer ? NAME : 'Agen', customer ? null : row.agent_id, line.text, at(line.at))
    }
    const last = THREAD.at(-1)!
    db.prepare(
      "UPDATE conversations SET customer_name = ?, created_at = ?, updated_at = ?, last_text = ?, last_at = ?, last_direction = 'out', thread_ready = 1 WHERE id = ?",
    ).run(NAME, at(THREAD[0].at), at(last.at), last.text, at(last.at), chat)
  })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
  await page.setViewportSize({ width: 1440, height: 900 })
})

afterAll(() => closeAll([browser, app, server], dir))

const row = () => page.getByRole('table').getByRole('row').filter({ hasText: NAME })

const threadIn = (words: (typeof WORDS)[keyof typeof WORDS]) => page.getByRole('complementary', { name: NAME }).getByRole('region', { name: words.messages })
/** The thread's messages as shown, top to bottom, by their text. */
const shownIn = async (words: (typeof WORDS)[keyof typeof WORDS]) => {
  const texts = await threadIn(words).getByRole('listitem').allInnerTexts()
  return texts.map((text) => [...THREAD.map((line) => line.text), REPLY].find((line) => text.includes(line)) ?? text)
}

describe.each(['en', 'id'] as const)('a message whose time cannot be right, in %s', (lang) => {
  const words = WORDS[lang]
  const thread = () => threadIn(words)
  const shown = () => shownIn(words)

  beforeAll(async () => {
    // The page opens in English; the Bahasa run comes after it.
    if (lang === 'id') await page.getByRole('combobox', { name: WORDS.en.language }).selectOption('id')
    await page.getByRole('tab', { name: /^All/ }).click()
    await row().waitFor()
  })

  afterAll(async () => {
    await page.getByRole('button', { name: words.close }).click()
  })

  it('shows it where the server received it, its date unclear with what the channel sent in the tooltip', async () => {
    await row().click()
    await expect.poll(shown, { timeout: 15_000 }).toEqual(expected())
    const message = thread().getByRole('listitem').filter({ hasText: THREAD[1].text })
    expect(await message.innerText()).toContain(words.unclear)
    expect(await message.innerText()).not.toContain('2099')
    const told = await message.getByText(words.unclear).getAttribute('title')
    expect(told).toContain(words.sent)
    expect(told).toContain('2099')
  })
})

describe('a reply after a message whose time cannot be right', () => {
  it('comes below it', async () => {
    // The page is in Bahasa since the pass above.
    await row().click()
    await expect.poll(() => shownIn(WORDS.id), { timeout: 15_000 }).toEqual(expected())
    await writeDemoMessages(server.url, await signIn(server.url, server.credentials.email, server.credentials.password), chat, REPLY)
    replied = true
    await expect.poll(() => shownIn(WORDS.id), { timeout: 15_000 }).toEqual(expected())
  })
})
