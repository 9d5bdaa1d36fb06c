/**
 * A list about 700px wide (a 1400px window at 200% zoom) lets the Type and Started columns go,
 * but not what they say: whether the chat came in or went out, and when it started. In real
 * Chromium, in both languages, a row is named with each of them once whether its column is there
 * or gone, and every cell's lines fit the row.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import type { ReferenceServer } from '../../server/index'
import { buildRenderer } from './support/build-renderer'
import { startEditedServer } from './support/edited-server'
import { openObserveOn } from './support/observe-on'
import { closeAll } from './support/teardown'

// First by name as well as by activity, so it is on top whichever order the list is in.
const CUSTOMER = 'Aaron Tapanuli'
const NARROW = { width: 700, height: 600 }
const WIDE = { width: 1280, height: 720 }
const HOUR = 3_600_000
const WORDS = {
  en: { type: 'Outbox', started: 'Started', ago: '3 hr\\. ago', typeHeader: 'Type', startedHeader: 'Started', customerHeader: 'Customer' },
  id: { type: 'Outbox', started: 'Dimulai', ago: '3 jam lalu', typeHeader: 'Tipe', startedHeader: 'Dimulai', customerHeader: 'Pelanggan' },
} as const

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-narrow-type-started-e2e-'))
  server = await startEditedServer(dir, 60, (db) => {
    // The latest chat, on top of the All tab, an outbox one started three hours before its last activity.
    const id = db.prepare('SELECT id FROM conversations ORDER BY updated_at DESC LIMIT 1').pluck().get() as number
    db.prepare("UPDATE conversations SET customer_name = ?, type = 'outbox', created_at = ? WHERE id = ?").run(CUSTOMER, Date.now() - 3 * HOUR, id)
  })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

const table = () => page.getByRole('table')
const row = () => table().getByRole('row', { name: new RegExp(`^${CUSTOMER}\\s`) })
/** The row as a screen reader names it, with `words` (a pattern) heard `times` times as words of their own. */
const rowHearing = (words: string, times: number) =>
  table().getByRole('row', { name: new RegExp(`^${CUSTOMER}\\s${`.*\\s${words}(\\s|$)`.repeat(times)}`) })
/** The row's cells whose lines do not fit its height (the row itself is held to it, so they would be cut). */
const overflowingCells = () =>
  row()
    .getByRole('cell')
    .evaluateAll((cells) => cells.filter((cell) => cell.scrollHeight > cell.clientHeight).map((cell) => cell.textContent))
/** Heard exactly once: the row is found with the words once, and not with them twice. */
const heardOnce = async (words: string) => {
  await expect.poll(() => rowHearing(words, 1).count()).toBe(1)
  expect(await rowHearing(words, 2).count()).toBe(0)
}

describe.each(['en', 'id'] as const)('the type and start of a row in a narrow list, in %s', (lang) => {
  const words = WORDS[lang]

  beforeAll(async () => {
    await page.locator('.language select').selectOption(lang)
    await table().getByRole('columnheader', { name: words.customerHeader }).waitFor()
  })

  it('stay in the row when their columns give way', async () => {
    await page.setViewportSize(NARROW)
    try {
      await expect.poll(() => table().getByRole('columnheader', { name: words.typeHeader }).count()).toBe(0)
      await expect.poll(() => table().getByRole('columnheader', { name: words.startedHeader }).count()).toBe(0)
      await expect.poll(() => row().count()).toBe(1)
      await heardOnce(words.type)
      await heardOnce(`${words.started} ${words.ago}`)
      await heardOnce(words.ago)
      expect(await overflowingCells()).toEqual([])
      await page.screenshot({ path: `/tmp/zoomstand-narrow-${lang}.png` })
    } finally {
      await page.setViewportSize(WIDE)
    }
  })

  it('are heard once, in their columns, when the columns are there', async () => {
    await page.setViewportSize(WIDE)
    await table().getByRole('columnheader', { name: words.typeHeader }).waitFor()
    await table().getByRole('columnheader', { name: words.startedHeader }).waitFor()
    await heardOnce(words.type)
    await heardOnce(words.ago)
    expect(await rowHearing(words.started, 1).count()).toBe(0)
    expect(await overflowingCells()).toEqual([])
    await page.screenshot({ path: `/tmp/zoomstand-wide-${lang}.png` })
  })
})

describe('the start of a row in a list too narrow for its last activity too', () => {
  it('goes on the handle line, heard once', async () => {
    await page.locator('.language select').selectOption('en')
    // Sorted by the customer, the Last activity column is free to go as well (columns.ts keeps the sorted one).
    await table().getByRole('columnheader', { name: 'Customer', exact: true }).getByRole('button').click()
    await page.setViewportSize({ width: 520, height: 600 })
    try {
      await expect.poll(() => table().getByRole('columnheader', { name: 'Last activity' }).count()).toBe(0)
      await expect.poll(() => row().count()).toBe(1)
      await heardOnce('Outbox')
      await heardOnce(`Started ${WORDS.en.ago}`)
      expect(await overflowingCells()).toEqual([])
      await page.screenshot({ path: '/tmp/zoomstand-narrower-en.png' })
    } finally {
      await page.setViewportSize(WIDE)
    }
  })
})
