/**
 * A supervisor's long list in Chromium, against a seeded reference server (no simulator): End
 * reaches the list's last row whatever has been loaded, Page Down and Page Up move a page at a time
 * while the list reads on and drops pages, Select all queued picks the queued rows
 * with its mixed state heard, the first pick is announced, and at the smallest window a toast
 * does not hide the waits in the list.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settingsFile } from '../../electron/main/settings/settings-store'
import type { WebApp } from '../../electron/web/app'
import { DEFAULT_SETTINGS } from '../../shared/ipc/settings'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { openObserve } from './support/browser'
import { buildRenderer } from './support/build-renderer'
import { openObserveOn } from './support/observe-on'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
const errors: string[] = []

const tab = (p: Page, name: string) => p.getByRole('tab', { name, exact: true })
const dataRows = (p: Page) => p.getByRole('table').first().locator('[role="row"][data-id]')
const focusedRow = (p: Page) => p.locator('[role="row"][data-id]:focus')
/** Opens the All tab and waits until it counts more than `atLeast` rows; answers its table and last row's aria-rowindex. */
async function allCounted(p: Page, atLeast: number): Promise<{ table: Locator; lastIndex: number }> {
  await tab(p, 'All').click()
  const table = p.getByRole('table').first()
  await expect.poll(async () => Number(await table.getAttribute('aria-rowcount'))).toBeGreaterThan(atLeast)
  return { table, lastIndex: Number(await table.getAttribute('aria-rowcount')) }
}
/** A page as the table reckons it: the rows the list shows less two, so each page keeps a row or two of the last. */
const pageRowsOf = async (p: Page): Promise<number> =>
  (await p.evaluate(`(() => {
    const scroller = document.querySelector('.scroller')
    return Math.max(1, Math.floor(scroller.clientHeight / scroller.querySelector('[role="row"][data-id]').offsetHeight) - 2)
  })()`)) as number

beforeAll(async () => {
  await buildRenderer()
  // The seed's All tab holds about 3,000 conversations: thirty pages, of which one is loaded at first.
  server = await startReferenceServer({ port: 0, seed: 3000, sim: false })
  dir = mkdtempSync(join(tmpdir(), 'observe-queue-list-e2e-'))
  // Without the long-wait alert: the seed's queue is mostly past it, and the first check (15 s in)
  // toasts that backlog. The list makes room for a toast, three rows fewer in the tall window, so a
  // page measured before it came was three rows longer than the Page Up or Down pressed after.
  const alertOff = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, waitingTooLongMinutes: 0 } }
  writeFileSync(settingsFile(dir), JSON.stringify(alertOff))
  ;({ app, browser, page } = await openObserveOn(server, dir, errors))
})

afterAll(() => closeAll([browser, app, server], dir))

describe('a long list', () => {
  it('goes to its last row on End and back to its first on Home, not to the last row loaded', async () => {
    const { lastIndex: rowCount } = await allCounted(page, 1000)
    await dataRows(page).first().click()
    await page.keyboard.press('Escape')
    await dataRows(page).first().focus()
    await page.keyboard.press('End')
    await expect.poll(() => focusedRow(page).getAttribute('aria-rowindex')).toBe(String(rowCount))
    await expect.poll(() => page.locator('.foot').innerText()).toMatch(new RegExp(`–${(rowCount - 1).toLocaleString('en-US')} of ${(rowCount - 1).toLocaleString('en-US')}$`))
    // Up from the end reads the rows before it.
    await page.keyboard.press('PageUp')
    await page.keyboard.press('PageUp')
    await expect.poll(async () => Number(await focusedRow(page).getAttribute('aria-rowindex'))).toBeLessThan(rowCount - 5)
    await page.keyboard.press('Control+Home')
    await expect.poll(() => focusedRow(page).getAttribute('aria-rowindex')).toBe('2')
    expect(errors).toEqual([])
  })

  it('moves by one page at every Page Down and Page Up, across the pages read on and dropped on the way', async () => {
    // Tall, so a page is many rows and the window (1,000 rows) is passed in few presses.
    const tall = await openObserve(browser, app.url, errors, { context: { viewport: { width: 1280, height: 2000 } } })
    try {
      const { table, lastIndex } = await allCounted(tall, 2500)
      await dataRows(tall).first().focus()
      // The focused row's place in the tab, with whether it is in the list's view, below the header.
      const focused = async () =>
        (await tall.evaluate(`(() => {
          const row = document.activeElement
          if (!row || row.getAttribute('role') !== 'row' || !row.dataset.id) return 'no row focused'
          const view = row.closest('.scroller').getBoundingClientRect()
          const head = row.closest('[role="table"]').querySelector('[role="row"]').getBoundingClientRect()
          const box = row.getBoundingClientRect()
          const inView = box.top >= head.bottom - 1 && box.bottom <= view.bottom + 1
          return row.getAttribute('aria-rowindex') + (inView ? '' : ' out of view')
        })()`)) as string
      let at = 2
      const press = async (key: 'PageDown' | 'PageUp') => {
        const rows = await pageRowsOf(tall)
        at = Math.max(2, Math.min(lastIndex, key === 'PageDown' ? at + rows : at - rows))
        await tall.keyboard.press(key)
        await expect.poll(focused, { timeout: 3000, interval: 10, message: `${key} to row ${at}` }).toBe(String(at))
      }
      // Down past the window's 1,000 rows (pages dropped from its start), then back up to the first
      // row (dropped pages read again before it): a page's rows arrive while the keys go on.
      while (at < 1800) await press('PageDown')
      while (at > 2) await press('PageUp')
      // Pages still being read when the last key went do not move the focus afterwards.
      await expect.poll(() => table.getAttribute('aria-busy')).toBe('false')
      expect(await focused()).toBe('2')
    } finally {
      await tall.context().close()
    }
    expect(errors).toEqual([])
  })

  it('lands a Page Up quicker than the page before it where it pointed, once that page is read, not on the rows read', async () => {
    // Answers to reads of the list's pages held back while `holding`: the page before comes late.
    let holding = false
    const held: (() => void)[] = []
    const holdPageReads = (context: BrowserContext) =>
      context.routeWebSocket(/./, (socket) => {
        const core = socket.connectToServer()
        const pageReads = new Set<number>()
        socket.onMessage((message) => {
          const frame = JSON.parse(String(message)) as { id?: number; channel?: string; input?: { cursor?: string | null } }
          if (frame.channel === 'conversations:list' && frame.input?.cursor && frame.id !== undefined) pageReads.add(frame.id)
          core.send(message)
        })
        core.onMessage((message) => {
          const { id } = JSON.parse(String(message)) as { id?: number }
          if (holding && id !== undefined && pageReads.has(id)) held.push(() => socket.send(message))
          else socket.send(message)
        })
      })
    const tall = await openObserve(browser, app.url, errors, { context: { viewport: { width: 1280, height: 2000 } }, prepare: holdPageReads })
    try {
      const { table, lastIndex } = await allCounted(tall, 2500)
      await dataRows(tall).first().focus()
      // End reads the list's last page alone: its 100 rows are all there is above the last until more are read.
      await tall.keyboard.press('End')
      await expect.poll(() => focusedRow(tall).getAttribute('aria-rowindex')).toBe(String(lastIndex))
      await expect.poll(() => table.getAttribute('aria-busy')).toBe('false')
      const firstRead = lastIndex - 99
      const pageRows = await pageRowsOf(tall)
      holding = true
      let at = lastIndex
      while (at - pageRows >= firstRead) {
        at -= pageRows
        await tall.keyboard.press('PageUp')
        await expect.poll(() => focusedRow(tall).getAttribute('aria-rowindex')).toBe(String(at))
      }
      // This one points above the rows read, while the page before them is held back.
      await tall.keyboard.press('PageUp')
      await expect.poll(() => held.length).toBeGreaterThan(0)
      expect(await focusedRow(tall).getAttribute('aria-rowindex')).toBe(String(at))
      holding = false
      for (const answer of held.splice(0)) answer()
      await expect.poll(() => focusedRow(tall).getAttribute('aria-rowindex')).toBe(String(at - pageRows))
      await expect.poll(() => table.getAttribute('aria-busy')).toBe('false')
      expect(await focusedRow(tall).getAttribute('aria-rowindex')).toBe(String(at - pageRows))
    } finally {
      await tall.context().close()
    }
    expect(errors).toEqual([])
  })
})

describe('picking queued rows', () => {
  it('announces the first pick, and Select all queued picks every queued row, mixed while only some are', async () => {
    await tab(page, 'In Queue').click()
    await expect.poll(() => dataRows(page).count()).toBeGreaterThan(3)
    // The count's live region is on the page before anything is picked, so the first pick is heard.
    const count = page.locator('[role="status"]').filter({ hasText: /selected/ })
    const liveBefore = await page.locator('.bulk [role="status"]').elementHandle()
    expect(liveBefore).not.toBeNull()
    expect(await liveBefore!.innerText()).toBe('')

    const all = page.getByRole('checkbox', { name: 'Select all queued' })
    await expect.poll(() => all.isChecked()).toBe(false)
    await dataRows(page).first().getByRole('checkbox').check()
    await expect.poll(() => count.innerText()).toBe('1 selected')
    expect(await liveBefore!.evaluate((el) => el.isConnected && el.textContent)).toBe('1 selected')
    // Mixed, as Chromium tells a screen reader.
    await expect.poll(() => page.locator('internal:role=checkbox[checked="mixed"][name="Select all queued"i]').count()).toBe(1)

    await all.focus()
    await page.keyboard.press('Space')
    const queued = await page.getByRole('tab', { name: /In Queue/ }).getByTestId('tab-count').innerText()
    await expect.poll(() => count.innerText()).toBe(`${queued} selected`)
    await expect.poll(() => all.isChecked()).toBe(true)
    expect(await dataRows(page).getByRole('checkbox', { checked: false }).count()).toBe(0)

    await page.keyboard.press('Space')
    await expect.poll(() => all.isChecked()).toBe(false)
    await expect.poll(() => page.getByRole('region', { name: 'Selected conversations' }).count()).toBe(0)
    expect(errors).toEqual([])
  })
})

describe('toasts at the smallest window', () => {
  it('leave every wait in the list in view: the list ends above them', async () => {
    const small = await openObserve(browser, app.url, errors, { context: { viewport: { width: 1024, height: 640 } } })
    try {
      await tab(small, 'In Queue').click()
      await expect.poll(() => dataRows(small).count()).toBeGreaterThan(5)
      const token = await signIn(server.url, server.credentials.email, server.credentials.password)
      await createDemoConversation(server.url, token, { customerName: 'Toasty Wait', text: 'Hello, is anyone there to help me with my order?' })
      // Whichever toast is in view when the pointer gets there: this window shows one toast. Held
      // while the pointer is on it, so it cannot fade or give way to a later one before it is measured.
      const toast = small.locator('.toast').first()
      await toast.hover()
      // The Waiting cells of the rows in the list's view that something else is drawn over at their centre.
      const hidden = (await small.evaluate(`(() => {
        const scroller = document.querySelector('.scroller').getBoundingClientRect()
        const covered = []
        for (const cell of document.querySelectorAll('[role="row"][data-id] .col-waiting')) {
          const r = cell.getBoundingClientRect()
          const y = r.top + r.height / 2
          if (y < scroller.top || y > scroller.bottom) continue
          const hit = document.elementFromPoint(r.left + r.width / 2, y)
          if (!hit || !cell.contains(hit)) covered.push(cell.innerText)
        }
        return covered
      })()`)) as string[]
      expect(hidden).toEqual([])
      expect(await toast.isVisible()).toBe(true)
      const roomUnderList = () => small.evaluate<string>("getComputedStyle(document.getElementById('conversations-panel')).paddingBottom")
      expect(await roomUnderList()).not.toBe('0px')

      // Beside the open detail the toasts sit over the detail: the list keeps its rows.
      await dataRows(small).first().click()
      await small.getByRole('complementary').waitFor()
      await createDemoConversation(server.url, token, { customerName: 'Toasty Beside', text: 'Halo' })
      const beside = small.locator('.toast').first()
      await beside.hover()
      const [toastBox, listBox] = await Promise.all([beside.boundingBox(), small.locator('#conversations-panel').boundingBox()])
      expect(toastBox!.x).toBeGreaterThan(listBox!.x + listBox!.width - 24)
      await expect.poll(roomUnderList).toBe('0px')
    } finally {
      await small.context().close()
    }
    expect(errors).toEqual([])
  })
})
