/**
 * Who has a chat is read from the agent column: at the usual window widths, with the detail panel
 * closed and open and in both languages, every agent's name there is whole, while the labels
 * beside it keep to the room their chips use. The header and the rows stay in line, and label
 * chips still give way to "+N" inside their cell.
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

/** As long as a full Indonesian name gets, and not past the column's cap. */
const NAME = 'Muhammad Rizky Ramadhan'
const WIDTHS = [1000, 1280, 1440, 1920] as const

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-agent-names-e2e-'))
  // The seeded store, with the agent who has the most chats renamed, so every tab shows the name.
  server = await startEditedServer(dir, 400, (db) => {
    db.prepare(
      "UPDATE agents SET name = ? WHERE id = (SELECT agent_id FROM conversations WHERE status = 'handled' GROUP BY agent_id ORDER BY count(*) DESC LIMIT 1)",
    ).run(NAME)
  })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

interface Layout {
  /** Agent names in view that end in an ellipsis. */
  cut: string[]
  /** Cells not under their column's header. */
  misaligned: string[]
  /** Label chips drawn past their cell. */
  spilled: string[]
  /** How often the name shows, as who has the chat and as who had it. */
  holders: number
  lastHolders: number
  /** The labels column's width, and the most of it any row in view leaves empty. */
  labels: number
  labelsSpare: number
}

// Read in the page, as a string: these files are typed without the DOM.
const LAYOUT = `(() => {
  const table = document.querySelector('.scroller [role="table"]')
  const heads = [...table.querySelectorAll('.table-head-row > [role="columnheader"]')].map((th) => th.getBoundingClientRect())
  const rows = [...table.querySelectorAll('.body > [role="row"]')]
  const view = document.querySelector('.scroller').getBoundingClientRect()
  const out = { cut: [], misaligned: [], spilled: [], holders: 0, lastHolders: 0, labels: 0, labelsSpare: 0 }
  for (const row of rows) {
    const box = row.getBoundingClientRect()
    if (box.bottom <= view.top || box.top >= view.bottom) continue
    const cells = [...row.children]
    cells.forEach((cell, i) => {
      const r = cell.getBoundingClientRect()
      if (Math.abs(r.left - heads[i].left) > 0.5 || Math.abs(r.width - heads[i].width) > 0.5) out.misaligned.push(row.dataset.id + ':' + cell.className)
    })
    // A closed chat's "Last:" may go to a line of its own: then the name is what must fit.
    const name = row.querySelector('.col-agent .last-name') ?? row.querySelector('.col-agent .agent')
    if (name && name.scrollWidth > name.clientWidth) out.cut.push(name.textContent.trim())
    // Told apart by their tooltips, which hold the words whole: the name, or "Last: name".
    if (row.querySelector('.col-agent [title=' + JSON.stringify(${JSON.stringify(NAME)}) + ']')) out.holders++
    if (row.querySelector('.col-agent [title$=' + JSON.stringify(': ' + ${JSON.stringify(NAME)}) + ']')) out.lastHolders++
    const labels = row.querySelector('.col-labels')
    if (!labels) continue
    const room = labels.querySelector('ul').getBoundingClientRect()
    const chips = [...labels.querySelectorAll('li')].filter((li) => !li.classList.contains('visually-hidden')).map((li) => li.getBoundingClientRect())
    for (const chip of chips) if (chip.right > room.right + 0.5 || chip.bottom > box.bottom + 0.5) out.spilled.push(row.dataset.id)
    out.labels = labels.getBoundingClientRect().width
    out.labelsSpare = Math.max(out.labelsSpare, room.right - Math.max(room.left, ...chips.map((chip) => chip.right)))
  }
  return out
})()`

/** After a resize, the list measures itself and lays its columns out again within the next frames. */
const settled = (): Promise<unknown> => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))')

describe("the agent column's names", () => {
  it('are whole at the usual widths, with the detail open or not, in both languages', async () => {
    // Only the renamed agent's chats: the Handled tab's strip narrows the list to them.
    await page.getByRole('tab', { name: 'Handled', exact: true }).click()
    await page.getByRole('region', { name: 'Who serves whom' }).getByRole('button', { name: new RegExp(`^${NAME}`) }).click()
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')
    try {
      for (const lang of ['en', 'id'] as const) {
        await page.locator('.language select').selectOption(lang)
        await page.getByRole('columnheader', { name: lang === 'en' ? 'Customer' : 'Pelanggan' }).waitFor()
        for (const tab of ['All', 'Handled']) {
          await page.getByRole('tab', { name: tab, exact: true }).click()
          await page.locator(`#tab-${tab === 'All' ? 'all' : 'handled'}[aria-selected="true"]`).waitFor()
          await rows.first().waitFor()
          for (const detail of [false, true]) {
            if (detail) {
              await rows.first().click()
              await page.getByRole('complementary').waitFor()
            }
            for (const width of WIDTHS) {
              await page.setViewportSize({ width, height: 800 })
              await settled()
              const layout = await page.evaluate<Layout>(LAYOUT)
              const at = { lang, tab, detail, width }
              // The name is in view, else nothing was checked: as who has the chat, and on All also as who had it.
              expect({ ...at, holders: layout.holders > 0, lastHolders: tab === 'Handled' || layout.lastHolders > 0 }).toEqual({ ...at, holders: true, lastHolders: true })
              expect({ ...at, cut: layout.cut, labels: layout.labels, labelsSpare: layout.labelsSpare }).toEqual({
                ...at,
                cut: [],
                labels: layout.labels,
                labelsSpare: layout.labelsSpare,
              })
              expect({ ...at, misaligned: layout.misaligned, spilled: layout.spilled }).toEqual({ ...at, misaligned: [], spilled: [] })
            }
            if (detail) {
              await page.keyboard.press('Escape')
              await page.getByRole('complementary').waitFor({ state: 'detached' })
            }
          }
        }
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 })
      await page.locator('.language select').selectOption('en')
    }
  })
})
