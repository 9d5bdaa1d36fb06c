/**
 * Browser mode serves its page before its first session is open, as the desktop window shows before
 * it: a cache left by an older version is migrated meanwhile, and the page says so. The migration
 * is held back here by a write lock the test keeps on the cache file, so "still opening" is a
 * state the test controls, not a race it hopes to win.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cacheFile } from '../../electron/main/core'
import { openDatabase } from '../../electron/main/db/connection'
import { MIGRATIONS } from '../../electron/main/db/migrations'
import { profileDir, serverKey } from '../../electron/main/session/profile'
import { openWebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import type { Browser } from 'playwright-core'
import { accessibilityViolations } from './support/axe'
import { launchBrowser, openPage, waitUntilOnline } from './support/browser'
import { buildRenderer } from './support/build-renderer'

let dir: string
let server: ReferenceServer
let browser: Browser

beforeAll(async () => {
  await buildRenderer()
  browser = await launchBrowser()
  dir = mkdtempSync(join(tmpdir(), 'observe-web-opening-'))
  server = await startReferenceServer({ port: 0, seed: 60, sim: false })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('browser mode while the first session opens', () => {
  it('serves the page at once and says the session is starting, then opens it once the cache is migrated', async () => {
    const dataDir = join(dir, 'data')
    const file = cacheFile(profileDir(dataDir, serverKey(server.url), server.credentials.email))
    mkdirSync(dirname(file), { recursive: true })
    openDatabase(file, MIGRATIONS.slice(0, -1)).close()
    // The migration needs to write; until this lock goes, it waits (up to the cache's busy timeout).
    const lock = new BetterSqlite3(file)
    lock.exec('BEGIN IMMEDIATE')
    let locked = true
    const { app, ready } = await openWebApp({ server: { url: server.url, ...server.credentials }, dataDir })
    try {
      expect(app.runtime.session().status).toBe('starting')
      const page = await fetch(app.origin)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="app">')

      // What a supervisor sees meanwhile, in both colour schemes: one heading that says what is going on.
      const errors: string[] = []
      const screen = await openPage(browser, app.url, errors)
      const starting = screen.getByRole('status', { name: 'Opening your conversations…' })
      await starting.waitFor()
      // The card fades in (a start that is quick never shows it); checked once it is fully there.
      await starting.evaluate((el) => Promise.all(el.getAnimations().map((a: { finished: Promise<unknown> }) => a.finished)))
      expect(await screen.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Opening your conversations…'])
      for (const scheme of ['light', 'dark'] as const) {
        await screen.emulateMedia({ colorScheme: scheme })
        expect(await accessibilityViolations(screen)).toEqual([])
      }
      expect(app.runtime.session().status).toBe('starting')

      lock.exec('COMMIT')
      locked = false
      await ready
      // The same page goes on to the conversations once the session is open.
      await waitUntilOnline(screen)
      await expect(starting.count()).resolves.toBe(0)
      expect(errors).toEqual([])
      expect(app.runtime.session()).toMatchObject({ status: 'signed_in', email: server.credentials.email })
      expect(await app.runtime.handle('conversations:counts', { filters: {} })).toMatchObject({ ok: true })
    } finally {
      if (locked) lock.exec('ROLLBACK')
      lock.close()
      await app.close()
    }
  })
})
