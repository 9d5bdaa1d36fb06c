/**
 * Nothing a supervisor reads a chat by is cut short without a way to read it whole: at a phone's
 * width, at 1000 and at 1280px, in English and Bahasa. The Assign dialog wraps an agent's name
 * rather than ending it in an ellipsis; the channel column is as wide as the longest channel name
 * in the page's language; the tag saying a search found a chat in its messages keeps its words
 * beside the open detail; and a customer's name that a narrow column does cut is in the row's
 * accessible name, and shown whole under the row while the keyboard is on it (one Esc still closes
 * the detail, and the tip with it).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import type { ReferenceServer } from '../../server/index'
import { openObserveOn } from './support/observe-on'
import { renameFirstOnlineAgent, startEditedServer } from './support/edited-server'
import { buildRenderer } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { fetchWorkspace } from './support/server-data'
import { closeAll } from './support/teardown'

/** A full Indonesian name, long for a dialog a phone's width across. */
const AGENT = 'Muhammad Rizky Ramadhan Saputra'
/** Longer than a narrow customer column: cut there, whatever the widths do. */
const CUSTOMER = 'Kusumawardhani Prameswari Anggraeni'
/** Only in the chat's message, so a search for it tags the row "in messages". */
const WORD = 'gudangtransitxyz'
const WIDTHS = [320, 1000, 1280] as const
const LANGS = {
  en: { tab: 'In Queue', assign: 'Assign', dialog: 'Assign to agent', channel: 'Facebook comment', tag: 'in messages', cancel: 'Cancel' },
  id: { tab: 'In Queue', assign: 'Tugaskan', dialog: 'Tugaskan ke agen', channel: 'Komentar Facebook', tag: 'di pesan', cancel: 'Batal' },
} as const
type Lang = keyof typeof LANGS

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let agents: string[]

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-whole-names-e2e-'))
  server = await startEditedServer(dir, 400, (db) => renameFirstOnlineAgent(db, AGENT))
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  await createDemoConversation(server.url, token, { customerName: CUSTOMER, text: `Paket saya tertahan di ${WORD} sejak kemarin`, channel: 'facebook_comment' })
  agents = (await fetchWorkspace(server.url, token)).agents.filter((a) => a.role === 'agent').map((a) => a.name)
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const row = (): Locator => page.getByRole('table').getByRole('row', { name: new RegExp(escape(CUSTOMER)) })
/** Its text fits its box: no ellipsis, nothing clipped. */
const whole = (text: Locator): Promise<boolean> => text.evaluate((el) => el.scrollWidth <= el.clientWidth)
const search = (): Locator => page.getByRole('searchbox').first()

async function speak(lang: Lang): Promise<void> {
  await page.getByRole('combobox', { name: /^(Language|Bahasa)$/ }).selectOption(lang)
  await page.getByRole('tab', { name: new RegExp(`^${LANGS[lang].tab}`) }).click()
  await row().waitFor({ timeout: 20_000 })
}

/** After a resize, the list measures itself and lays its columns out again within the next frames. */
const settled = (): Promise<unknown> => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))')

/** At each width, in each language: `check` says what is cut at that width, which must be nothing. */
async function everywhere(check: (lang: Lang, width: number) => Promise<Record<string, unknown>>): Promise<void> {
  try {
    for (const lang of ['en', 'id'] as const) {
      await speak(lang)
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 })
        await settled()
        const at = { lang, width }
        expect({ ...at, cut: await check(lang, width) }).toEqual({ ...at, cut: {} })
      }
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 720 })
    await speak('en')
  }
}

describe('names and labels', () => {
  it('in the Assign dialog wrap instead of ending in an ellipsis', async () => {
    await everywhere(async (lang) => {
      const words = LANGS[lang]
      await row().getByRole('button', { name: `${words.assign} ${CUSTOMER}` }).click()
      const dialog = page.getByRole('dialog', { name: words.dialog })
      const cut: Record<string, string> = {}
      for (const name of agents) {
        // The option is named by the agent's name whole; the name on screen must be whole too.
        await dialog.getByRole('radio', { name: new RegExp(`^${escape(name)}`) }).waitFor()
        const shown = dialog.getByText(name, { exact: true })
        if (!(await whole(shown))) cut[name] = 'ellipsis'
        const inside = await shown.evaluate((el) => el.getBoundingClientRect().right <= el.closest('[role="dialog"]')!.getBoundingClientRect().right)
        if (!inside) cut[name] = 'past the dialog'
      }
      await dialog.getByRole('button', { name: words.cancel }).click()
      await dialog.waitFor({ state: 'detached' })
      return cut
    })
  })

  it('in the channel column are whole wherever the column is shown', async () => {
    await everywhere(async (lang, width) => {
      // At a phone's width the column gives way (the customer's cell then says the channel, to a
      // screen reader and by its icon); from 1000px it is shown, whole. The header says which.
      const shown = (await page.getByRole('table').getByRole('columnheader', { name: /^Channel/ }).count()) > 0
      if (!shown) return width >= 1000 ? { channel: 'column not shown' } : {}
      return (await whole(row().getByText(LANGS[lang].channel, { exact: true }))) ? {} : { channel: 'cut' }
    })
  })

  it('keep the "in messages" tag whole, with the detail open and not', async () => {
    await everywhere(async (lang, width) => {
      await search().fill(WORD)
      const tag = row().getByText(LANGS[lang].tag, { exact: true })
      const cut: Record<string, string> = {}
      try {
        await tag.waitFor()
        await settled()
        if (!(await whole(tag))) cut.closed = 'tag cut'
        // At a phone's width the detail covers the list: nothing beside it to check.
        if (width >= 1000) {
          await row().getByRole('cell').first().click()
          await page.getByRole('complementary', { name: CUSTOMER }).waitFor()
          await expect.poll(() => whole(tag)).toBe(true)
          await page.keyboard.press('Escape')
          await page.getByRole('complementary').waitFor({ state: 'detached' })
        }
      } finally {
        await search().fill('')
        // The whole queue back, so the next check does not meet the rows while they are swapped.
        await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBeGreaterThan(2)
      }
      return cut
    })
  })

  it('keep a cut customer name in the row’s name and show it whole to the keyboard', async () => {
    let cutSomewhere = false
    await everywhere(async () => {
      const name = row().getByText(CUSTOMER, { exact: true })
      await name.waitFor()
      if (await whole(name)) return {}
      cutSomewhere = true
      // The keyboard is in use: the row gets the focus ring, and with it the tip.
      await page.keyboard.press('Shift')
      await row().focus()
      const tip = page.getByRole('tooltip', { includeHidden: true }).getByText(CUSTOMER, { exact: true })
      const cut: Record<string, string> = {}
      try {
        await tip.waitFor({ timeout: 5_000 })
        if (!(await whole(tip))) cut.tip = 'name cut in the tip'
        const inView = await tip.evaluate((el) => {
          const r = el.getBoundingClientRect()
          const view = el.ownerDocument.documentElement
          return r.left >= 0 && r.right <= view.clientWidth && r.top >= 0 && r.bottom <= view.clientHeight
        })
        if (!inView) cut.tip = 'tip out of the window'
        // Esc hides it where the focus is, for what it covered.
        await page.keyboard.press('Escape')
        await page.getByRole('tooltip', { includeHidden: true }).waitFor({ state: 'detached' })
      } catch (error) {
        cut.tip = `no tip with the whole name: ${String(error).split('\n')[0]}`
      }
      await search().focus()
      return cut
    })
    // The name was cut at some width, else the tip was never checked.
    expect(cutSomewhere).toBe(true)
  })

  it('let one Esc on a row close the detail and its tip together, as it closed the detail before', async () => {
    await page.setViewportSize({ width: 1000, height: 800 })
    try {
      await row().getByRole('cell').first().click()
      const detail = page.getByRole('complementary', { name: CUSTOMER })
      await detail.waitFor()
      // Beside the detail the customer column is narrow: the name is cut, and the tip has it.
      await page.keyboard.press('Shift')
      await row().focus()
      const tip = page.getByRole('tooltip', { includeHidden: true })
      await tip.getByText(CUSTOMER, { exact: true }).waitFor()
      await page.keyboard.press('Escape')
      await detail.waitFor({ state: 'detached' })
      await tip.waitFor({ state: 'detached' })
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 })
    }
  })
})
