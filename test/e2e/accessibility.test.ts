/**
 * Every screen of the app through axe-core in Chromium, in both colour schemes and both languages:
 * text contrast, names of controls, landmarks and headings. A violation fails the test with the
 * element and what is wrong with it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { MIN_WINDOW } from '../../shared/ipc/settings'
import { accessibilityViolations } from './support/axe'
import { openPage } from './support/browser'
import { openObserveOn } from './support/observe-on'
import { buildRenderer } from './support/build-renderer'
import { TOLD_WITHIN_MS } from './support/told-within'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dataDir: string
let token: string

beforeAll(async () => {
  await buildRenderer()
  // No simulator: a queued conversation stays queued while its dialog is checked.
  server = await startReferenceServer({ port: 0, seed: 1500, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  dataDir = mkdtempSync(join(tmpdir(), 'observe-a11y-'))
  ;({ app, browser, page } = await openObserveOn(server, dataDir))
  await page.getByRole('table').getByRole('row').nth(3).waitFor()
}, 120_000)

afterAll(() => closeAll([browser, app, server], dataDir))

const SCHEMES = ['light', 'dark'] as const


/**
 * How many of three points across a control's middle line (near each end, and the centre) a pointer
 * would find something else at: 0 when nothing lies over it. These files are typed without the DOM.
 */
const coveredPoints = (target: Locator): Promise<number> =>
  target.evaluate((el) => {
    type Rect = { left: number; right: number; top: number; bottom: number }
    const control = el as unknown as { getBoundingClientRect(): Rect; contains(e: unknown): boolean }
    const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } }).document
    const r = control.getBoundingClientRect()
    const y = (r.top + r.bottom) / 2
    return [r.left + 4, (r.left + r.right) / 2, r.right - 4].filter((x) => !control.contains(doc.elementFromPoint(x, y))).length
  })

// Each check starts from the plain page, whatever the one before left open after a failure.
beforeEach(async () => {
  for (const name of ['Assign to agent', 'Settings']) {
    const dialog = page.getByRole('dialog', { name })
    if (await dialog.count()) await dialog.getByRole('button', { name: /^(Cancel|Close)$/ }).click()
  }
  if (await page.getByRole('region', { name: 'Pending actions' }).count()) await page.getByRole('banner').getByRole('button', { name: 'Pending actions' }).click()
  // Found and pressed in one step in the page: a search applied after its pause can take the
  // button away between a count and a click.
  await page.evaluate(`document.querySelector('.filter-bar .filter-clear')?.click()`)
  if (await page.getByRole('complementary').count()) await page.getByRole('complementary').getByRole('button', { name: 'Close details' }).click()
})

describe.each(SCHEMES)('the Customer page in %s', (scheme) => {
  beforeAll(async () => {
    await page.emulateMedia({ colorScheme: scheme })
  })

  it('passes on the All tab, with a search marked in the rows', async () => {
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('a')
    await page.getByRole('button', { name: 'Clear filters' }).waitFor()
    await page.getByRole('table').locator('mark').first().waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
  })

  it('passes on the In Queue tab with a conversation open, and in its Assign to agent dialog', async () => {
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.locator('[role="tab"][aria-selected="true"]#tab-in_queue').waitFor()
    await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first().click()
    const panel = page.getByRole('complementary')
    await panel.getByRole('button', { name: 'Assign to agent' }).waitFor()
    expect(await accessibilityViolations(page)).toEqual([])

    await panel.getByRole('button', { name: 'Assign to agent' }).click()
    const dialog = page.getByRole('dialog', { name: 'Assign to agent' })
    await dialog.getByRole('radio').first().waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
  })

  it('passes when nothing matches, with the way out offered', async () => {
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('zqxjzqxj')
    await page.getByText('No conversations match these filters').waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
  })

  it('passes with conversations selected for a bulk assignment', async () => {
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.locator('[role="tab"][aria-selected="true"]#tab-in_queue').waitFor()
    const boxes = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('checkbox')
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    const bar = page.getByRole('region', { name: 'Selected conversations' })
    await bar.waitFor()
    try {
      expect(await accessibilityViolations(page)).toEqual([])
    } finally {
      await bar.getByRole('button', { name: 'Clear selection' }).click()
    }
  })

  it("passes on the Handled tab, with the agents' load above the list", async () => {
    await page.getByRole('tab', { name: 'Handled', exact: true }).click()
    await page.locator('[role="tab"][aria-selected="true"]#tab-handled').waitFor()
    await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first().waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
  })

  it("passes with a handled conversation open, the agent's own messages in its thread", async () => {
    await page.getByRole('tab', { name: 'Handled', exact: true }).click()
    await page.locator('[role="tab"][aria-selected="true"]#tab-handled').waitFor()
    await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first().click()
    // The agent's replies sit in bubbles of their own colour, their times on it.
    await page.getByRole('complementary').locator('[data-direction="out"] time').first().waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
  })

  it('passes in the smallest window, where columns and labels give way', async () => {
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    await page.setViewportSize(MIN_WINDOW)
    try {
      await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first().waitFor()
      expect(await accessibilityViolations(page)).toEqual([])
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 })
    }
  })

  it("draws each control's edge at 3:1 or more against what lies around it (WCAG 1.4.11), which axe does not check", async () => {
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    const bar = page.getByRole('banner')
    const controls: [string, Locator][] = [
      ['Search', page.getByRole('searchbox', { name: 'Search', exact: true })],
      ...['Conversation Type', 'Channel', 'Label', 'Last Handling Agent', 'Date'].map((name): [string, Locator] => [name, page.getByRole('combobox', { name, exact: true })]),
      ['Language', bar.getByRole('combobox', { name: 'Language' })],
      ['Pending actions', bar.getByRole('button', { name: 'Pending actions' })],
      ['Settings', bar.getByRole('button', { name: 'Settings' })],
    ]
    const weak: string[] = []
    for (const [name, control] of controls) {
      // The border's colour against the first opaque background behind the control, as WCAG's contrast ratio
      // (typed without the DOM).
      const ratio = await control.evaluate((el) => {
        type Styled = { parentElement: Styled | null }
        const g = globalThis as unknown as { getComputedStyle(e: Styled): { backgroundColor: string; borderTopColor: string } }
        const rgb = (c: string) => {
          const m = (c.match(/[\d.]+/g) ?? []).map(Number)
          return { rgb: m.slice(0, 3), alpha: m.length > 3 ? m[3]! : 1 }
        }
        const lum = ([r, gr, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
          return 0.2126 * f(r!) + 0.7152 * f(gr!) + 0.0722 * f(b!)
        }
        const control = el as unknown as Styled
        let around = control.parentElement
        while (around && rgb(g.getComputedStyle(around).backgroundColor).alpha < 1) around = around.parentElement
        const outside = around ? rgb(g.getComputedStyle(around).backgroundColor).rgb : [255, 255, 255]
        const [a, b] = [lum(rgb(g.getComputedStyle(control).borderTopColor).rgb), lum(outside)]
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
      })
      if (!(ratio >= 3)) weak.push(`${name}: ${ratio.toFixed(2)}:1`)
    }
    expect(weak).toEqual([])
  })

  it('passes in Settings and in the pending actions panel', async () => {
    const bar = page.getByRole('banner')
    await bar.getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await settings.waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
    await settings.getByRole('button', { name: 'Close' }).click()

    await bar.getByRole('button', { name: 'Pending actions' }).click()
    const pending = page.getByRole('region', { name: 'Pending actions' })
    await pending.waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
  })
})

// The smallest window zoomed to 150%: the agents scroll in their own box, clear of the buttons.
describe('zoomed in', () => {
  it("keeps the Assign dialog's agents in a box that scrolls, and every agent and button in reach", async () => {
    await page.setViewportSize({ width: Math.round(MIN_WINDOW.width / 1.5), height: Math.round(MIN_WINDOW.height / 1.5) })
    try {
      await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
      await page.locator('#tab-in_queue[aria-selected="true"]').waitFor()
      await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first().getByRole('button', { name: /^Assign/ }).click()
      const dialog = page.getByRole('dialog', { name: 'Assign to agent' })
      const agents = dialog.getByRole('group', { name: 'Agents' })
      await agents.getByRole('radio').first().waitFor()
      const box = (await agents.boundingBox())!
      const override = (await dialog.getByRole('checkbox').boundingBox())!
      expect(box.y + box.height).toBeLessThanOrEqual(override.y)
      // The last agent who can take the chat is reached by scrolling the list, and a click picks them.
      const last = agents.getByRole('radio', { disabled: false }).last()
      await last.click()
      expect(await last.isChecked()).toBe(true)
      const lastBox = (await last.boundingBox())!
      expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(box.y + box.height)
      await dialog.getByRole('button', { name: 'Cancel' }).click()
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 })
    }
  })
})

// The smallest window zoomed to 200%: 480 by 300 CSS pixels.
describe('zoomed to 200%', () => {
  const ZOOMED = { width: Math.round(MIN_WINDOW.width / 2), height: Math.round(MIN_WINDOW.height / 2) }
  afterAll(async () => {
    await page.setViewportSize({ width: 1280, height: 720 })
  })

  it('wraps the header rather than scroll sideways, with Settings in reach', async () => {
    await page.setViewportSize(ZOOMED)
    const width = await page.evaluate<number>('document.documentElement.scrollWidth')
    expect(width).toBeLessThanOrEqual(ZOOMED.width)
    const settings = (await page.getByRole('banner').getByRole('button', { name: 'Settings' }).boundingBox())!
    expect(settings.x + settings.width).toBeLessThanOrEqual(ZOOMED.width)
  })

  it('keeps room for three whole rows in the list, and the page scrolls down to them', async () => {
    await page.setViewportSize(ZOOMED)
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    await rows.first().waitFor()
    // Rows wholly inside the box that scrolls the list (its header rides at the top of that box).
    const whole = await rows.first().evaluate((row) => {
      type Box = { top: number; bottom: number }
      type El = { parentElement: El | null; getBoundingClientRect(): Box; children: ArrayLike<El>; querySelector(s: string): El }
      const g = globalThis as unknown as { getComputedStyle(e: El): { overflowY: string } }
      let box = (row as unknown as El).parentElement!
      while (!/auto|scroll/.test(g.getComputedStyle(box).overflowY)) box = box.parentElement!
      const frame = box.getBoundingClientRect()
      const head = box.querySelector('[role="rowgroup"]').getBoundingClientRect()
      const all = Array.from((row as unknown as El).parentElement!.children)
      return all.filter((r) => r.getBoundingClientRect().top >= head.bottom && r.getBoundingClientRect().bottom <= frame.bottom).length
    })
    expect(whole).toBeGreaterThanOrEqual(3)
    await rows.nth(2).click()
    await page.getByRole('complementary').getByRole('button', { name: 'Close details' }).waitFor()
  })

  it('keeps three whole rows in the queue while a toast shows, the toast lying over the list rather than taking its rows', async () => {
    await page.setViewportSize(ZOOMED)
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.locator('#tab-in_queue[aria-selected="true"]').waitFor()
    await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').nth(3).waitFor()
    await createDemoConversation(server.url, token, { customerName: 'Rina Zoomroom', text: 'Halo, paket saya tertahan' })
    const toasts = page.getByRole('status', { name: 'Notifications' })
    await expect.poll(() => toasts.innerText(), { timeout: TOLD_WITHIN_MS }).toContain('Rina Zoomroom')
    // Held while the pointer rests on it.
    await toasts.hover()
    // Rows wholly between the table's sticky header and the end of the box that scrolls them.
    const whole = () =>
      page.evaluate<number>(`(() => {
        const table = document.querySelector('[role="table"]')
        const head = table.querySelector('[role="rowgroup"]').getBoundingClientRect()
        const frame = table.parentElement.getBoundingClientRect()
        return [...table.querySelectorAll('[role="row"][data-id]')].filter((row) => {
          const r = row.getBoundingClientRect()
          return r.top >= head.bottom - 0.5 && r.bottom <= frame.bottom + 0.5
        }).length
      })()`)
    await expect.poll(whole).toBeGreaterThanOrEqual(3)
    expect(await toasts.innerText()).toContain('Rina Zoomroom')
  })

  it('keeps three whole rows in sight above the bar for picked rows, and the focused row clear of the header and the bar', async () => {
    await page.setViewportSize(ZOOMED)
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.locator('#tab-in_queue[aria-selected="true"]').waitFor()
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    await rows.first().getByRole('checkbox').focus()
    await page.keyboard.press('Space')
    const bar = page.getByRole('region', { name: 'Selected conversations' })
    await bar.waitFor()
    /** Rows wholly between the table's sticky header and the bar, and whether the focused one is among them. */
    const inSight = () =>
      page.evaluate<{ whole: number; focused: boolean }>(`(() => {
        const table = document.querySelector('[role="table"]')
        const head = table.querySelector('[role="rowgroup"]').getBoundingClientRect()
        const bar = document.querySelector('[role="region"][aria-label="Selected conversations"]').getBoundingClientRect()
        const clear = [...table.querySelectorAll('[role="row"][data-id]')].filter((row) => {
          const r = row.getBoundingClientRect()
          return r.top >= head.bottom - 0.5 && r.bottom <= bar.top + 0.5 && r.bottom <= innerHeight && r.top >= 0
        })
        return { whole: clear.length, focused: clear.includes(document.activeElement) }
      })()`)
    await page.getByRole('table').getByRole('row').nth(1).evaluate((row) => (row as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }))
    expect((await inSight()).whole).toBeGreaterThanOrEqual(3)
    // Down the rows by keyboard: each one the focus lands on is scrolled wholly into sight.
    await rows.first().focus()
    for (let step = 0; step < 4; step++) {
      await page.keyboard.press('ArrowDown')
      await expect.poll(async () => (await inSight()).focused).toBe(true)
    }
    await bar.getByRole('button', { name: 'Clear selection' }).focus()
    await page.keyboard.press('Enter')
  })

  it("never hides a row's control the focus lands on under the table's sticky header: the list scrolls it clear", async () => {
    // Zoomed in, where the list is short enough to scroll with the queue's few rows.
    await page.setViewportSize(ZOOMED)
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.locator('#tab-in_queue[aria-selected="true"]').waitFor()
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    await rows.nth(3).waitFor()
    // The second row half under the header: its checkbox straddles the header's lower edge.
    const checkbox = rows.nth(1).getByRole('checkbox')
    await page.getByRole('table').evaluate(`(() => {
      const scroller = document.querySelector('[role="table"]').parentElement
      const head = document.querySelector('[role="table"] [role="rowgroup"]').getBoundingClientRect()
      const box = document.querySelectorAll('[role="table"] [role="row"][data-id]')[1].querySelector('input').getBoundingClientRect()
      scroller.scrollTop += (box.top + box.bottom) / 2 - head.bottom
    })()`)
    const straddles = () => page.evaluate<boolean>(`(() => {
      const head = document.querySelector('[role="table"] [role="rowgroup"]').getBoundingClientRect()
      const box = document.querySelectorAll('[role="table"] [role="row"][data-id]')[1].querySelector('input').getBoundingClientRect()
      return box.top < head.bottom - 0.5
    })()`)
    await expect.poll(straddles).toBe(true)
    await checkbox.focus()
    await expect.poll(straddles).toBe(false)
  })

  it('shows the detail over the whole list, not beside a sliver of it, and gives the focus back to its row', async () => {
    await page.setViewportSize(ZOOMED)
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.locator('#tab-in_queue[aria-selected="true"]').waitFor()
    const row = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first()
    await row.focus()
    await page.keyboard.press('Enter')
    const panel = page.getByRole('complementary')
    await panel.getByRole('button', { name: 'Close details' }).waitFor()
    const list = (await page.locator('#conversations-panel').boundingBox())!
    const detail = (await panel.boundingBox())!
    expect([detail.x, detail.width]).toEqual([list.x, list.width])
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    await expect.poll(() => row.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  })

  it('moves the toasts out of the way of the keyboard focus', async () => {
    await page.setViewportSize(ZOOMED)
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.locator('#tab-in_queue[aria-selected="true"]').waitFor()
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    await createDemoConversation(server.url, token, { customerName: 'Yusuf Zoomfocus', text: 'Halo, saya mau tanya soal tagihan' })
    const toasts = page.getByRole('status', { name: 'Notifications' })
    await expect.poll(() => toasts.innerText(), { timeout: TOLD_WITHIN_MS }).toContain('Yusuf Zoomfocus')

    // By keyboard: pick a row, then go to the bar's buttons, low on the right where toasts sit.
    await rows.first().getByRole('checkbox').focus()
    await page.keyboard.press('Space')
    const bar = page.getByRole('region', { name: 'Selected conversations' })
    const focused = bar.getByRole('button', { name: 'Assign selected to me' })
    await focused.focus()
    // What a pointer finds across the focused button, end to end, is the button.
    await expect.poll(() => coveredPoints(focused)).toBe(0)
    expect(await toasts.innerText()).not.toBe('')
    await bar.getByRole('button', { name: 'Clear selection' }).focus()
    await page.keyboard.press('Enter')
  })

  it('opens every filter list inside the window, without scrolling the page sideways', async () => {
    await page.setViewportSize(ZOOMED)
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    for (const name of ['Conversation Type', 'Channel', 'Label', 'Last Handling Agent']) {
      await page.getByRole('combobox', { name, exact: true }).focus()
      await page.keyboard.press('ArrowDown')
      const list = page.getByRole('listbox', { name, exact: true })
      await list.getByRole('option').first().waitFor()
      const box = (await list.boundingBox())!
      expect([name, box.x >= 0 && box.x + box.width <= ZOOMED.width]).toEqual([name, true])
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(ZOOMED.width)
      await page.keyboard.press('Escape')
    }
  })

  it('keeps an open filter list over a toast that spans the window', async () => {
    await page.setViewportSize(ZOOMED)
    // A chat comes in: its toast, and one more row in the queue.
    await createDemoConversation(server.url, token, { customerName: 'Zara Zoomlist', text: 'Halo, pesanan saya belum sampai' })
    const toasts = page.getByRole('status', { name: 'Notifications' })
    await expect.poll(() => toasts.innerText(), { timeout: TOLD_WITHIN_MS }).toContain('Zara Zoomlist')
    // The pointer rests on the toast, which holds it for as long as the check takes.
    await toasts.hover()

    // By keyboard: the toast may lie over the filter, and a click would land on it.
    await page.getByRole('combobox', { name: 'Channel', exact: true }).focus()
    await page.keyboard.press('ArrowDown')
    const list = page.getByRole('listbox', { name: 'Channel', exact: true })
    await list.getByRole('option').first().waitFor()
    // What a pointer finds across each option in sight, from end to end, is that option, not a toast.
    const frame = (await list.boundingBox())!
    const covered: string[] = []
    for (const option of await list.getByRole('option').all()) {
      const box = (await option.boundingBox())!
      const inSight = box.y >= frame.y && box.y + box.height <= frame.y + frame.height
      if (inSight && (await coveredPoints(option)) > 0) covered.push(await option.innerText())
    }
    expect(covered).toEqual([])
    await page.keyboard.press('Escape')
  })
})

// WCAG's reflow width: 1280 CSS pixels zoomed to 400%.
describe('320 CSS pixels wide', () => {
  afterAll(async () => {
    await page.setViewportSize({ width: 1280, height: 720 })
  })

  /** Each tab's edges and whether the strip holds them all, and how far the page has scrolled sideways. */
  const tabsInView = () =>
    page.evaluate<{ outside: string[]; stripOverflows: boolean; scrollX: number }>(`(() => {
      const strip = document.querySelector('[role="tablist"]')
      return {
        outside: [...strip.querySelectorAll('[role="tab"]')].filter((tab) => {
          const r = tab.getBoundingClientRect()
          return r.left < 0 || r.right > innerWidth
        }).map((tab) => tab.getAttribute('aria-label')),
        stripOverflows: strip.scrollWidth > strip.clientWidth,
        scrollX,
      }
    })()`)

  it('shows every tab and its count whole, and choosing Handled does not scroll the page sideways, however large the counts', async () => {
    await page.setViewportSize({ width: 320, height: 480 })
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    await page.locator('#tab-all[aria-selected="true"]').waitFor()
    await page.evaluate('scrollTo(0, 0)')
    expect(await tabsInView()).toEqual({ outside: [], stripOverflows: false, scrollX: 0 })
    // By keyboard, to the last tab.
    await page.keyboard.press('End')
    await page.locator('#tab-handled[aria-selected="true"]').waitFor()
    expect(await tabsInView()).toEqual({ outside: [], stripOverflows: false, scrollX: 0 })

    // A contact center with a million conversations: the counts as such a cache words them, to measure the strip by.
    await page.keyboard.press('Home')
    await page.locator('#tab-all[aria-selected="true"]').waitFor()
    await page.evaluate(`document.querySelectorAll('[role="tab"] [data-testid="tab-count"]').forEach((count) => (count.textContent = '1,000,000'))`)
    expect(await tabsInView()).toEqual({ outside: [], stripOverflows: false, scrollX: 0 })
    await page.keyboard.press('End')
    await page.locator('#tab-handled[aria-selected="true"]').waitFor()
    expect(await tabsInView()).toEqual({ outside: [], stripOverflows: false, scrollX: 0 })
  })
})

// Hidden text (.visually-hidden) is placed against its nearest positioned ancestor: in a box that
// scrolls but is not positioned it escapes the box, and a long list stretches the page with an empty scroll.
describe('boxes that scroll', () => {
  /** Each box that scrolls, with the hidden things inside it that it does not hold. */
  const escapes = () =>
    page.evaluate<string[]>(`[...document.querySelectorAll('body *')].flatMap((box) => {
      const style = getComputedStyle(box)
      if (!/auto|scroll/.test(style.overflowX + style.overflowY)) return []
      return [...box.querySelectorAll('*')]
        // offsetParent is null for what is not drawn (a page or panel kept but hidden).
        .filter((el) => getComputedStyle(el).position === 'absolute' && el.offsetParent && !box.contains(el.offsetParent))
        .map((el) => box.className + ' lets out ' + el.className)
    })`)

  it('hold the hidden text inside them, on every page and in every dialog', async () => {
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.locator('#tab-in_queue[aria-selected="true"]').waitFor()
    const row = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first()
    await row.click()
    const panel = page.getByRole('complementary')
    await panel.getByRole('button', { name: 'Assign to agent' }).waitFor()
    expect(await escapes()).toEqual([])

    await panel.getByRole('button', { name: 'Assign to agent' }).click()
    const assign = page.getByRole('dialog', { name: 'Assign to agent' })
    await assign.getByRole('radio').first().waitFor()
    expect(await escapes()).toEqual([])
    // Handed to an agent, so Log History has a row to show.
    await assign.getByRole('radio', { disabled: false }).first().check()
    await assign.getByRole('button', { name: 'Assign', exact: true }).click()
    await assign.waitFor({ state: 'detached' })

    await page.getByRole('button', { name: 'Spread the queue…' }).click()
    const spread = page.getByRole('dialog', { name: 'Spread the queue over agents' })
    await spread.getByRole('table').waitFor()
    expect(await escapes()).toEqual([])
    await spread.getByRole('button', { name: 'Cancel' }).click()

    await page.getByRole('combobox', { name: 'Channel', exact: true }).click()
    await page.getByRole('listbox', { name: 'Channel', exact: true }).getByRole('option').first().waitFor()
    expect(await escapes()).toEqual([])
    await page.keyboard.press('Escape')

    const pages = page.getByRole('navigation', { name: 'Observe pages' })
    await pages.getByRole('button', { name: 'Log History', exact: true }).click()
    try {
      await page.getByRole('table', { name: 'Hand-offs, newest first' }).getByRole('row').nth(1).waitFor()
      expect(await escapes()).toEqual([])
      expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeLessThanOrEqual(page.viewportSize()!.height)
    } finally {
      await pages.getByRole('button', { name: 'Customer', exact: true }).click()
    }
  })
})

// Windows High Contrast drops backgrounds and shadows: what marks a state must survive it.
describe('in forced colours', () => {
  afterAll(async () => {
    await page.emulateMedia({ forcedColors: 'none', colorScheme: 'light' })
  })

  // The page's computed style; these files are typed without the DOM's globals.
  const style = (target: Locator, property: string) =>
    target.evaluate((el, name) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[name]!, property)

  it('still shows the open tab, the open row, a late waiting time and the edge of a dialog', async () => {
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'light' })
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    const underline = (name: string) => style(page.getByRole('tab', { name, exact: true }), 'borderBottomColor')
    await expect.poll(() => page.locator('#tab-in_queue[aria-selected="true"]').count()).toBe(1)
    expect(await underline('In Queue')).not.toBe(await underline('All'))
    expect(await underline('All')).toBe(await underline('Handled'))
    // The closed tabs' underline is the page's own colour (Canvas), not a line under every tab.
    expect(await underline('All')).toBe(await style(page.locator('body'), 'backgroundColor'))

    const row = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first()
    await row.click()
    const panel = page.getByRole('complementary')
    await panel.getByRole('button', { name: 'Assign to agent' }).waitFor()
    expect(await row.getAttribute('aria-current')).toBe('true')
    expect(await style(row, 'outlineStyle')).toBe('solid')
    const other = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').nth(1)
    expect(await style(other, 'outlineStyle')).toBe('none')

    // A waiting time past its level keeps a frame, and its mark is drawn in the text's colour.
    const late = page.locator('.waiting:is([data-level="warn"], [data-level="alert"])').first()
    expect(await style(late, 'borderTopStyle')).toBe('solid')
    expect(await style(late.locator('svg'), 'fill')).toBe(await style(late, 'color'))

    await panel.getByRole('button', { name: 'Assign to agent' }).click()
    const dialog = page.getByRole('dialog', { name: 'Assign to agent' })
    await dialog.getByRole('radio').first().waitFor()
    expect(parseFloat(await style(dialog, 'borderTopWidth'))).toBeGreaterThan(0)
    expect(await style(dialog, 'borderTopColor')).not.toBe('rgba(0, 0, 0, 0)')
  })

  it('still marks the picked agent and their load, label chips, unread counts and the way out of an empty list', async () => {
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'light' })
    const canvas = await style(page.locator('body'), 'backgroundColor')
    // A box drawn in a system colour: a solid edge that is not the page's own colour.
    const framed = async (target: Locator) => {
      expect(await style(target, 'borderTopStyle')).toBe('solid')
      expect(await style(target, 'borderTopColor')).not.toBe(canvas)
    }
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    await page.locator('#tab-all[aria-selected="true"]').waitFor()
    const body = page.getByRole('table').getByRole('rowgroup').nth(1)
    await framed(body.getByRole('listitem').first())
    await framed(body.locator('.unread').first())

    await page.getByRole('tab', { name: 'Handled', exact: true }).click()
    const first = page.getByRole('region', { name: 'Who serves whom' }).getByRole('listitem').first().getByRole('button')
    const card = page.locator(`.card[data-id="${await first.getAttribute('data-id')}"]`)
    const plain = parseFloat(await style(card, 'borderTopWidth'))
    await card.click()
    await expect.poll(() => card.getAttribute('aria-pressed')).toBe('true')
    expect(parseFloat(await style(card, 'borderTopWidth'))).toBeGreaterThan(plain)
    // Each bar's fill is the text's own colour, whatever the agent's level.
    const text = await style(page.locator('body'), 'color')
    const fills = page.getByRole('region', { name: 'Who serves whom' }).locator('.fill')
    expect(new Set(await Promise.all((await fills.all()).map((fill) => style(fill, 'backgroundColor'))))).toEqual(new Set([text]))
    await framed(card.locator('.bar'))
    await card.click()

    await page.getByRole('tab', { name: 'All', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('no customer is called this')
    await framed(page.getByRole('tabpanel').getByRole('button', { name: 'Clear filters' }))
  })
})

describe('the Pending actions panel by keyboard', () => {
  it('closes once Tab takes the focus out of it, rather than lie over the filters the focus goes on to', async () => {
    await page.setViewportSize({ width: 1280, height: 720 })
    const toggle = page.getByRole('banner').getByRole('button', { name: 'Pending actions' })
    const pending = page.getByRole('region', { name: 'Pending actions' })
    await toggle.focus()
    await page.keyboard.press('Enter')
    await pending.waitFor()
    const inPanel = () => page.evaluate<boolean>(`!!document.activeElement?.closest('#outbox-panel-body')`)
    // Through the panel's own controls (the toast test above left notices to clear) and on out of it.
    await page.keyboard.press('Tab')
    for (let step = 0; step < 60 && (await inPanel()); step++) await page.keyboard.press('Tab')
    expect(await inPanel()).toBe(false)
    await expect.poll(() => pending.count()).toBe(0)
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
  })

  it('closes on Esc with the focus anywhere, and gives it back to its toggle', async () => {
    const toggle = page.getByRole('banner').getByRole('button', { name: 'Pending actions' })
    const pending = page.getByRole('region', { name: 'Pending actions' })
    await toggle.click()
    // A click on the panel's heading: the focus goes to the page's body, the panel stays open.
    await pending.getByRole('heading', { name: 'Pending actions' }).click()
    expect(await page.evaluate<string>('document.activeElement.tagName')).toBe('BODY')
    await page.keyboard.press('Escape')
    await expect.poll(() => pending.count()).toBe(0)
    await expect.poll(() => toggle.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  })
})

describe('what a screen reader hears', () => {
  /** A live region holding these words (the page's other regions hold other words). */
  const said = (words: RegExp): Locator => page.getByRole('status').filter({ hasText: words })
  /** The words a tab's count is read with, as the tab's own description says them. */
  const tabHint = (name: string): Promise<string> =>
    page.getByRole('tab', { name, exact: true }).evaluate((tab) => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } | null } }).document
      return doc.getElementById((tab as unknown as { getAttribute(a: string): string }).getAttribute('aria-describedby'))?.textContent.trim() ?? ''
    })

  it('how many conversations a search leaves, once the list shows them', async () => {
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('an')
    await page.getByRole('table').locator('mark').first().waitFor()
    const count = said(/^(no conversations|one conversation|(at least )?\d+ conversations)$/)
    // The tab's count has changed from the whole list's to the search's: the words must follow it.
    await expect.poll(async () => (await count.count()) === 1 && (await count.textContent())?.trim() === (await tabHint('All')), { timeout: 10_000 }).toBe(true)
  })

  it('the new order, when a column header sorts the list', async () => {
    await page.getByRole('tab', { name: 'Handled', exact: true }).click()
    const header = (name: string): Locator => page.getByRole('columnheader', { name }).getByRole('button')
    await header('Customer').click()
    await said(/^Sorted by Customer, ascending$/).waitFor()
    await header('Customer').click()
    await said(/^Sorted by Customer, descending$/).waitFor()
    await header('Last activity').click()
    await said(/^Sorted by Last activity, descending$/).waitFor()
  })

  it('the connection when it changes, not the time of the last sync every minute', async () => {
    const connection = page.getByRole('status', { name: 'Connection: Online' })
    expect(await connection.textContent()).not.toMatch(/Synced/)
    // The time stays in sight.
    await page.getByRole('banner').getByText(/^Synced /).waitFor()
  })
})

describe('in Bahasa Indonesia', () => {
  it('passes on the Customer page', async () => {
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
    await page.getByRole('columnheader', { name: 'Pelanggan' }).waitFor()
    try {
      expect(await accessibilityViolations(page)).toEqual([])
    } finally {
      await page.getByRole('combobox', { name: 'Bahasa' }).selectOption('en')
      await page.getByRole('columnheader', { name: 'Customer' }).waitFor()
    }
  })
})

describe('the sign-in screen', () => {
  it.each(SCHEMES)('passes in %s', async (scheme) => {
    const signInDir = mkdtempSync(join(tmpdir(), 'observe-a11y-sign-in-'))
    const signIn = await startWebApp({ server: { url: server.url }, dataDir: signInDir })
    const screen = await openPage(browser, signIn.url, [], { context: { colorScheme: scheme } })
    try {
      await screen.getByRole('heading', { name: 'Sign in to Observe' }).waitFor()
      expect(await accessibilityViolations(screen)).toEqual([])
    } finally {
      await screen.context().close()
      await signIn.close()
      rmSync(signInDir, { recursive: true, force: true })
    }
  })
})
