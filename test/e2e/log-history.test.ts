/**
 * Log History end to end in Chromium (browser mode): it opens on the demo's seeded history, a
 * hand-off made on the Customer page shows in the log with who did it, the page switch keeps the
 * Customer page as it was, an entry leads back to its chat, End and Home reach the two ends of a
 * long log, the log ends above the toasts, and the page passes axe from the smallest window up, in
 * both languages.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Agent } from '../../shared/domain'
import { MIN_WINDOW } from '../../shared/ipc/settings'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { accessibilityViolations } from './support/axe'
import { launchBrowser, openObserve } from './support/browser'
import { buildRenderer } from './support/build-renderer'
import { NEW_CHAT_COOL_DOWN_MS } from '../../electron/main/notify/planner'
import { assignmentLog, createDemoConversation, handOff, signIn } from './support/reference'
import { fetchWorkspace } from './support/server-data'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string
let me: Agent
const pageErrors: string[] = []

/** The header's pages, named "Observe pages" (in Bahasa "Halaman Observe"); their own names stay the product's. */
const pageLink = (name: 'Customer' | 'Log History', nav = 'Observe pages') => page.getByRole('navigation', { name: nav }).getByRole('button', { name, exact: true })
const tab = (name: string) => page.getByRole('tab', { name, exact: true })
const log = () => page.getByRole('table', { name: 'Hand-offs, newest first' })
const logRow = (text: string) => log().getByRole('row').filter({ hasText: text })
/**
 * Whether an answer to a read of the All tab's list, over browser mode's socket opened from now on,
 * held a customer: what the list behind Log History took in, which its hidden table cannot show.
 */
function watchAllListAnswers(): (customerName: string) => boolean {
  const asked = new Set<number>()
  const answers: { id: number; text: string }[] = []
  page.once('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { id?: number; channel?: string; input?: { tab?: string } }
      if (frame.channel === 'conversations:list' && frame.input?.tab === 'all' && frame.id !== undefined) asked.add(frame.id)
    })
    socket.on('framereceived', ({ payload }) => {
      const text = String(payload)
      const frame = JSON.parse(text) as { id?: number }
      if (frame.id !== undefined) answers.push({ id: frame.id, text })
    })
  })
  return (customerName) => answers.some((answer) => asked.has(answer.id) && answer.text.includes(customerName))
}
/** The first row wholly below the Customer table's header: the one at the top of what the supervisor sees. */
const topRowId = () =>
  page.locator('#conversations-panel .scroller').evaluate((el) => {
    const below = el.querySelector('.table-head')!.getBoundingClientRect().bottom - 1
    const tops = [...el.querySelectorAll('[role="row"][data-id]')]
      .map((row) => ({ id: row.getAttribute('data-id')!, top: row.getBoundingClientRect().top }))
      .filter((row) => row.top >= below)
      .sort((a, b) => a.top - b.top)
    return tops[0]?.id ?? null
  })

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-log-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 140, sim: false, demo: true, heartbeatMs: 500, dbFile: join(dir, 'server.sqlite') })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  const workspace = await fetchWorkspace(server.url, token)
  me = workspace.agents.find((a) => a.email === server.credentials.email)!
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir: join(dir, 'app') })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url, pageErrors)
})

afterAll(() => closeAll([browser, app, server], dir))

describe('Log History', () => {
  it("opens on the demo's own history: the seeded chats' hand-offs, reaching back weeks, picked up, assigned and transferred", async () => {
    await pageLink('Log History').click()
    const rows = log().locator('[role="row"][data-id]')
    // Nothing was handed off yet since the server started: every row is the seed's.
    await rows.first().waitFor({ timeout: 20_000 })
    const records = await assignmentLog(server.url, token)
    expect(records.length).toBeGreaterThan(100)
    await expect.poll(() => rows.first().getAttribute('data-id'), { timeout: 20_000 }).toBe(String(records.at(-1)!.id))
    const shown = (await log().getByRole('row').allInnerTexts()).slice(1).join('\n')
    for (const kind of ['Picked up', 'Assigned']) expect(shown).toContain(kind)

    await rows.first().focus()
    await page.keyboard.press('End')
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-id') ?? null")).toBe(String(records[0]!.id))
    await page.getByText('Nothing older is kept on this computer.').waitFor()
    const oldest = log().locator(`[role="row"][data-id="${records[0]!.id}"]`)
    // The first seeded chats are four weeks old; so is how the first of them reached an agent.
    const when = await oldest.getByRole('cell').first().locator('time').getAttribute('datetime')
    expect(Date.now() - Date.parse(when!)).toBeGreaterThan(20 * 86_400_000)
    expect((await log().getByRole('row').allInnerTexts()).join('\n')).toContain('Transferred')
    // Back to the newest, where the tests after this one look for what they hand off.
    await page.keyboard.press('Home')
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-id') ?? null")).toBe(String(records.at(-1)!.id))
    expect(pageErrors).toEqual([])
    await pageLink('Customer').click()
  })

  it('shows a chat assigned on the Customer page, by me, and leads back to it with the Customer page as it was', async () => {
    await createDemoConversation(server.url, token, { customerName: 'Lina Logbook', text: 'Halo, pesanan saya di mana?' })
    await tab('In Queue').click()
    const table = page.getByRole('table', { name: 'In Queue conversations' })
    await table.getByRole('row', { name: /Lina Logbook/ }).click()
    const panel = page.getByRole('complementary', { name: 'Lina Logbook' })
    await panel.getByRole('button', { name: 'Assign to me' }).click()
    await panel.getByRole('button', { name: 'Transfer' }).waitFor({ timeout: 20_000 })

    await pageLink('Log History').click()
    expect(await pageLink('Log History').getAttribute('aria-current')).toBe('page')
    expect(await pageLink('Customer').getAttribute('aria-current')).toBeNull()
    await page.getByRole('heading', { name: 'Log History', level: 1 }).waitFor()
    // The assignment reaches the log through the sync, without reloading the page.
    const entry = logRow('Lina Logbook')
    await entry.waitFor({ timeout: 20_000 })
    const cells = (await entry.getByRole('cell').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())
    expect(cells.slice(1)).toEqual(['Assigned', expect.stringMatching(/^Lina Logbook #\d+/), 'Queue', expect.stringContaining(me.name), expect.stringContaining(me.name)])
    expect(await entry.getByRole('cell').last().innerText()).toContain('you')
    // Heard as one: "Name (you)", not the brackets apart from the word.
    expect(await entry.getByRole('cell', { name: `${me.name} (you)`, exact: true }).count()).toBeGreaterThan(0)
    expect(pageErrors).toEqual([])

    // Enter on the entry: its chat, on the Customer page, which is still on In Queue.
    await entry.focus()
    await page.keyboard.press('Enter')
    await panel.waitFor()
    expect(await pageLink('Customer').getAttribute('aria-current')).toBe('page')
    expect(await tab('In Queue').getAttribute('aria-selected')).toBe('true')
    // The chat was open there already: the keyboard goes on to it all the same, not to the page's body.
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.id ?? null')).toBe('detail-heading')
    await page.keyboard.press('Escape')
  })

  it('goes back to the Log History entry a chat was opened from, by Esc and by Close, unless the Customer page was chosen meanwhile', async () => {
    await pageLink('Log History').click()
    const entry = logRow('Lina Logbook')
    await entry.waitFor({ timeout: 20_000 })
    const entryId = await entry.getAttribute('data-id')
    const focusedEntry = () => page.evaluate<string | null>("document.activeElement?.closest('[role=\"table\"]')?.getAttribute('aria-label') + ' ' + document.activeElement?.getAttribute('data-id')")
    const panel = page.getByRole('complementary', { name: 'Lina Logbook' })
    // The detail takes the keyboard once its chat is read: Esc before that is pressed on nothing.
    const inDetail = () => expect.poll(() => page.evaluate<string | null>('document.activeElement?.id ?? null')).toBe('detail-heading')

    // Esc: back to the log, the keyboard on the entry it left from.
    await entry.focus()
    await page.keyboard.press('Enter')
    await inDetail()
    await page.keyboard.press('Escape')
    await expect.poll(() => pageLink('Log History').getAttribute('aria-current')).toBe('page')
    await expect.poll(focusedEntry).toBe(`Hand-offs, newest first ${entryId}`)
    await panel.waitFor({ state: 'detached' })

    // The detail's Close does the same.
    await page.keyboard.press('Enter')
    await inDetail()
    await panel.getByRole('button', { name: 'Close details' }).click()
    await expect.poll(() => pageLink('Log History').getAttribute('aria-current')).toBe('page')
    await expect.poll(focusedEntry).toBe(`Hand-offs, newest first ${entryId}`)

    // Choosing the Customer page meanwhile keeps the supervisor there: Esc closes the detail only.
    await page.keyboard.press('Enter')
    await inDetail()
    await pageLink('Customer').click()
    await panel.getByRole('heading', { level: 2 }).focus()
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    expect(await pageLink('Customer').getAttribute('aria-current')).toBe('page')
    expect(pageErrors).toEqual([])
  })

  it("narrows the log to an agent and a date, remembers them, says when nothing matches, and Alt+2 goes back to the queue", async () => {
    await pageLink('Log History').click()
    await logRow('Lina Logbook').waitFor()
    const filters = page.getByRole('region', { name: 'Log History filters' })
    const agent = filters.getByRole('combobox', { name: 'Agent' })
    await agent.selectOption({ label: `${me.name} (you)` })
    await filters.getByRole('combobox', { name: 'Date' }).selectOption({ label: 'Today' })
    await logRow('Lina Logbook').waitFor()
    // Every row left is one I took part in (the header row aside).
    const rows = (await log().getByRole('row').allInnerTexts()).slice(1)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row).toContain(me.name)

    // Remembered when the page starts again, as the Customer page's filters are.
    await page.reload()
    await pageLink('Log History').click()
    await logRow('Lina Logbook').waitFor()
    expect(await agent.inputValue()).toBe(String(me.id))
    expect(await filters.getByRole('combobox', { name: 'Date' }).inputValue()).toBe('today')

    // Another agent had no hand-off today: the page says so, and clears from there. (The demo's
    // seeded history gives most agents some; one without any in the last day is sure to have none today.)
    const workspace = await fetchWorkspace(server.url, token)
    const dayAgo = Date.now() - 86_400_000
    const busyToday = new Set((await assignmentLog(server.url, token)).filter((r) => r.at >= dayAgo).flatMap((r) => [r.byAgentId, r.fromAgentId, r.toAgentId]))
    const other = workspace.agents.find((a) => a.id !== me.id && !busyToday.has(a.id))!
    await agent.selectOption({ label: other.name })
    const none = page.getByRole('status').filter({ hasText: 'No hand-offs match these filters' })
    await none.waitFor()
    await none.getByRole('button', { name: 'Clear filters' }).click()
    await logRow('Lina Logbook').waitFor()
    expect(await agent.inputValue()).toBe('')
    expect(pageErrors).toEqual([])

    await page.keyboard.press('Alt+2')
    await expect.poll(() => pageLink('Customer').getAttribute('aria-current')).toBe('page')
    expect(await tab('In Queue').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => tab('In Queue').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  })

  it("keeps the Customer page's rows where they were while Log History was in front and new chats came in above them", async () => {
    // Hidden, the table renders no rows: what the list behind holds is seen in its reads' answers.
    const allListHas = watchAllListAnswers()
    await page.reload()
    await tab('All').click()
    const scroller = page.locator('#conversations-panel .scroller')
    await page.getByRole('table', { name: 'All conversations' }).getByRole('row').nth(15).waitFor()
    await scroller.evaluate((el) => {
      el.scrollTop = 10 * el.querySelector('[role="row"][data-id]')!.getBoundingClientRect().height
    })
    await expect.poll(topRowId).not.toBeNull()
    const before = await topRowId()

    await pageLink('Log History').click()
    await page.getByRole('heading', { name: 'Log History', level: 1 }).waitFor()
    for (const customerName of ['Hana Behind', 'Ivan Behind', 'Joko Behind']) {
      await createDemoConversation(server.url, token, { customerName, text: 'Halo, ada yang bisa bantu?' })
    }
    await expect.poll(() => allListHas('Joko Behind'), { timeout: 20_000 }).toBe(true)

    await pageLink('Customer').click()
    await expect.poll(topRowId).toBe(before)
    expect(pageErrors).toEqual([])
  })

  it('skips past the header to the rows of the log', async () => {
    await pageLink('Log History').click()
    await log().waitFor()
    const skip = page.getByRole('button', { name: 'Skip to the log' })
    await skip.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.closest('[role=\"table\"]')?.getAttribute('aria-label') ?? null")).toBe('Hand-offs, newest first')
    await pageLink('Customer').click()
    await page.getByRole('button', { name: 'Skip to conversations' }).waitFor({ state: 'attached' })
  })

  it('keeps both pages within reach in the smallest window, and passes axe there in both languages', async () => {
    await page.setViewportSize(MIN_WINDOW)
    try {
      await pageLink('Log History').click()
      await log().waitFor()
      const bar = page.getByRole('banner')
      for (const control of [pageLink('Customer'), pageLink('Log History'), bar.getByRole('button', { name: 'Settings' })]) {
        const box = (await control.boundingBox())!
        expect(box.height).toBeLessThan(36)
        expect(box.x + box.width).toBeLessThanOrEqual(MIN_WINDOW.width)
      }
      expect(await accessibilityViolations(page)).toEqual([])
      await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
      await page.getByRole('table', { name: 'Penugasan dan pengalihan, terbaru di atas' }).waitFor()
      for (const control of [pageLink('Customer', 'Halaman Observe'), pageLink('Log History', 'Halaman Observe'), bar.getByRole('button', { name: 'Pengaturan' })]) {
        const box = (await control.boundingBox())!
        expect(box.x + box.width).toBeLessThanOrEqual(MIN_WINDOW.width)
      }
      expect(await accessibilityViolations(page)).toEqual([])
    } finally {
      await page.getByRole('combobox', { name: /Language|Bahasa/ }).selectOption('en')
      await pageLink('Customer').click()
      await page.setViewportSize({ width: 1280, height: 720 })
    }
  })

  it("goes to the log's oldest hand-off on End and back to its newest on Home, however long the log, and ends above the toasts", async () => {
    // A chat handed back and forth between two agents: three pages and more of log.
    const workspace = await fetchWorkspace(server.url, token)
    const [first, second] = workspace.agents.filter((a) => a.role === 'agent' && a.presence === 'online')
    const chat = await createDemoConversation(server.url, token, { customerName: 'Rudi Relay', text: 'Halo, tolong dibantu' })
    await handOff(server.url, token, chat.id, 'assign', first!.id)
    for (let i = 0; i < 160; i++) await handOff(server.url, token, chat.id, 'transfer', i % 2 ? first!.id : second!.id)
    const records = await assignmentLog(server.url, token)
    const oldest = String(records[0]!.id)
    const newest = String(records.at(-1)!.id)

    // A small window: the toasts' corner reaches over the log's last rows.
    await page.setViewportSize({ width: 1024, height: 640 })
    try {
      await pageLink('Log History').click()
      const rows = log().locator('[role="row"][data-id]')
      await expect.poll(() => rows.first().getAttribute('data-id'), { timeout: 20_000 }).toBe(newest)
      // The whole log is cached now. Opened afresh, the page reads its newest page, not all it read
      // on the way (when more arrives than a page, it reads down to what it holds).
      await page.reload()
      await pageLink('Log History').click()
      await expect.poll(() => rows.first().getAttribute('data-id')).toBe(newest)
      expect(await rows.count()).toBeLessThan(records.length / 2)
      const focused = () => page.evaluate<string | null>("document.activeElement?.getAttribute('data-id') ?? null")
      await rows.first().focus()
      await page.keyboard.press('End')
      await expect.poll(focused).toBe(oldest)
      await page.getByText('Nothing older is kept on this computer.').waitFor()
      await page.getByRole('button', { name: 'Show newer' }).waitFor()
      expect(await accessibilityViolations(page)).toEqual([])

      // A toast over the log's foot: the log ends above it, and every row in view shows whole. (The
      // focus is let go first: on the last row, low where they sit, it would send the toasts up.)
      await page.evaluate('document.activeElement.blur()')
      // After a quiet spell, so it is told by a toast of its own: in the cool-down after the chats
      // of the tests before, it would be told with them ("4 new chats waiting").
      await expect.poll(() => app.runtime.planner.quiet(), { timeout: NEW_CHAT_COOL_DOWN_MS + 15_000 }).toBe(true)
      await createDemoConversation(server.url, token, { customerName: 'Toasty Logfoot', text: 'Hello, is anyone there?' })
      const toast = page.locator('.toast').filter({ hasText: 'Toasty Logfoot' })
      await toast.waitFor()
      // Held while the pointer is on it, so it cannot fade before it is measured.
      await toast.hover()
      await expect.poll(() => page.evaluate<string>("getComputedStyle(document.getElementById('log-history-panel')).paddingBottom")).not.toBe('0px')
      const covered = (await page.evaluate(`(() => {
        const view = document.querySelector('.log-scroller').getBoundingClientRect()
        // Below the table's sticky header, which rows scroll under.
        const top = document.querySelector('.log-scroller .table-head').getBoundingClientRect().bottom
        const covered = []
        for (const el of [...document.querySelectorAll('.log-scroller [role="cell"]'), document.querySelector('.log-scroller .end')]) {
          const r = el.getBoundingClientRect()
          const y = r.top + r.height / 2
          if (y < top || y > view.bottom) continue
          const hit = document.elementFromPoint(r.left + r.width / 2, y)
          if (!hit || !el.contains(hit)) covered.push(el.innerText)
        }
        return covered
      })()`)) as string[]
      expect(covered).toEqual([])
      expect(await toast.isVisible()).toBe(true)

      await rows.last().focus()
      await page.keyboard.press('Home')
      await expect.poll(focused).toBe(newest)
      expect(await page.getByRole('button', { name: 'Show newer' }).count()).toBe(0)
      expect(pageErrors).toEqual([])
    } finally {
      await pageLink('Customer').click()
      await page.setViewportSize({ width: 1280, height: 720 })
    }
  })

  it('comes back from a chat to its entry read under Show older, past the newest 200 the page holds, the keyboard on it', async () => {
    const workspace = await fetchWorkspace(server.url, token)
    const [first, second] = workspace.agents.filter((a) => a.role === 'agent' && a.presence === 'online')
    const chat = await createDemoConversation(server.url, token, { customerName: 'Petra Pagedown', text: 'Halo, masih menunggu' })
    await handOff(server.url, token, chat.id, 'assign', first!.id)
    for (let i = 0; i < 219; i++) await handOff(server.url, token, chat.id, 'transfer', i % 2 ? first!.id : second!.id)
    const records = await assignmentLog(server.url, token)
    // The 211th newest, below the 200 held while nobody reads further down: Petra's too, so it opens.
    const far = String(records.at(-211)!.id)
    await pageLink('Log History').click()
    const rows = log().locator('[role="row"][data-id]')
    await expect.poll(() => rows.first().getAttribute('data-id'), { timeout: 20_000 }).toBe(String(records.at(-1)!.id))
    const older = page.getByRole('button', { name: 'Show older' })
    const entry = log().locator(`[role="row"][data-id="${far}"]`)
    while ((await entry.count()) === 0) {
      const held = await rows.count()
      await older.click()
      await expect.poll(() => rows.count()).toBeGreaterThan(held)
    }
    await entry.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.id ?? null')).toBe('detail-heading')
    // A hand-off while the chat is read (back from the agent the last one left it with): on top of the
    // log once back, so the log was read again by then.
    await handOff(server.url, token, chat.id, 'transfer', first!.id)
    const newest = String((await assignmentLog(server.url, token)).at(-1)!.id)
    await page.keyboard.press('Escape')
    await expect.poll(() => rows.first().getAttribute('data-id'), { timeout: 20_000 }).toBe(newest)
    // That read trimmed the log to its newest 200: the entry went, the focus with it to the page's body.
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('data-id') ?? document.activeElement?.tagName ?? null")).toBe(far)
    expect(pageErrors).toEqual([])
    await pageLink('Customer').click()
  })
})
