/**
 * A list too narrow for its Channel column (a small window at 200% zoom) lets the column go, but
 * not the channel: how a supervisor answers depends on it. In real Chromium, in both languages, a
 * row is found by its name with the channel in it when the column is gone, and heard with it once
 * when the column is there.
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

const CUSTOMER = 'Hendra Sempit'
const NARROW = { width: 640, height: 360 }
const WIDE = { width: 1280, height: 720 }
// A channel whose name differs between the languages, so each is checked in its own words.
const WORDS = {
  en: { channel: 'Facebook comment', channelHeader: 'Channel', customerHeader: 'Customer' },
  id: { channel: 'Komentar Facebook', channelHeader: 'Channel', customerHeader: 'Pelanggan' },
} as const

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-narrow-channel-e2e-'))
  server = await startEditedServer(dir, 60, (db) => {
    // The latest chat, on top of the All tab, so it is in view in the shortest window too.
    const id = db.prepare('SELECT id FROM conversations ORDER BY updated_at DESC LIMIT 1').pluck().get() as number
    const channelId = db.prepare("SELECT id FROM channels WHERE kind = 'facebook_comment' LIMIT 1").pluck().get() as number
    db.prepare("UPDATE conversations SET customer_name = ?, channel = 'facebook_comment', channel_id = ? WHERE id = ?").run(CUSTOMER, channelId, id)
  })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

const table = () => page.getByRole('table')
/** The row as a screen reader names it: the customer, then the channel as words of their own `times` times. */
const rowNamed = (channel: string, times: number) =>
  table().getByRole('row', { name: new RegExp(`^${CUSTOMER}\\s${`.*\\s${channel}\\s`.repeat(times)}`) })

describe.each(['en', 'id'] as const)('the channel of a row in a narrow list, in %s', (lang) => {
  const words = WORDS[lang]

  beforeAll(async () => {
    await page.locator('.language select').selectOption(lang)
    await table().getByRole('columnheader', { name: words.customerHeader }).waitFor()
  })

  it('stays in the row when its column gives way', async () => {
    await page.setViewportSize(NARROW)
    try {
      await expect.poll(() => table().getByRole('columnheader', { name: words.channelHeader }).count()).toBe(0)
      await expect.poll(() => rowNamed(words.channel, 1).count()).toBe(1)
      expect(await rowNamed(words.channel, 2).count()).toBe(0)
    } finally {
      await page.setViewportSize(WIDE)
    }
  })

  it('is heard once when its column is there', async () => {
    await page.setViewportSize(WIDE)
    await table().getByRole('columnheader', { name: words.channelHeader }).waitFor()
    await expect.poll(() => rowNamed(words.channel, 1).count()).toBe(1)
    expect(await rowNamed(words.channel, 2).count()).toBe(0)
  })
})
