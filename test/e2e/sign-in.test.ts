/**
 * Sign-in and settings in Chromium: browser mode pointed at a reference server with no credentials,
 * so the page must ask. Wrong password, right password, then the settings dialog's language
 * surviving a reload with the page's own storage wiped (the settings file is the source of truth).
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { settingsFile } from '../../electron/main/settings/settings-store'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openPage, waitUntilOnline } from './support/browser'
import { buildRenderer, ROOT } from './support/build-renderer'
import { closeAll } from './support/teardown'

const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dataDir: string
const pageErrors: string[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 300, sim: false, demo: true })
  dataDir = mkdtempSync(join(tmpdir(), 'observe-sign-in-e2e-'))
  app = await startWebApp({ server: { url: server.url }, dataDir })
  browser = await launchBrowser()
  page = await openPage(browser, app.url, pageErrors, { consoleErrors: true })
})

afterAll(() => closeAll([browser, app, server], dataDir))

describe('signing in', () => {
  /** Which fields are marked wrong (each described by the alert), and which one has the focus. */
  const marks = () =>
    page.evaluate<{ invalid: string[]; described: string[]; focused: string | null }>(`(() => {
      const fields = [...document.querySelectorAll('form input')]
      const label = (el) => el.closest('label').querySelector('span').textContent.trim()
      return {
        invalid: fields.filter((el) => el.getAttribute('aria-invalid') === 'true').map(label),
        described: fields.filter((el) => el.getAttribute('aria-describedby') === 'sign-in-error').map(label),
        focused: fields.includes(document.activeElement) ? label(document.activeElement) : null,
      }
    })()`)

  it('shows the sign-in screen, the server filled in, when no credentials were given', async () => {
    await page.getByRole('heading', { name: 'Sign in to Observe' }).waitFor()
    expect(await page.getByLabel('Server address').inputValue()).toBe(server.url)
    expect(await page.getByRole('tab').count()).toBe(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') })
  })

  it('says the password is wrong, and stays on the screen', async () => {
    await page.getByLabel('E-mail').fill(server.credentials.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' })
    await alert.waitFor()
    expect(await page.getByLabel('Password').inputValue()).toBe('')
    // The field is marked wrong, and says why when the focus comes back to it.
    const password = page.getByLabel('Password')
    expect(await password.getAttribute('aria-invalid')).toBe('true')
    expect(await password.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'))
    expect(await password.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    expect(await marks()).toEqual({ invalid: ['Password'], described: ['Password'], focused: 'Password' })
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-error.png') })
  })

  it('will not send the password to http:// on another computer, and says why on the address, keeping the password', async () => {
    await page.getByLabel('Server address').fill('http://observe.example.com')
    await page.getByLabel('E-mail').fill(server.credentials.email)
    await page.getByLabel('Password').fill(server.credentials.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'would cross the network unencrypted' }).waitFor()
    expect(await marks()).toEqual({ invalid: ['Server address'], described: ['Server address'], focused: 'Server address' })
    // It was never sent: the address is what to change.
    expect(await page.getByLabel('Password').inputValue()).toBe(server.credentials.password)
  })

  it('marks the address when nothing answers there, or it is no address at all', async () => {
    await page.getByLabel('Server address').fill('not an address')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Enter a server address' }).waitFor()
    expect(await marks()).toEqual({ invalid: ['Server address'], described: ['Server address'], focused: 'Server address' })

    // A port on this computer where nothing listens.
    await page.getByLabel('Server address').fill('http://127.0.0.1:9')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Could not reach' }).waitFor()
    expect(await marks()).toEqual({ invalid: ['Server address'], described: ['Server address'], focused: 'Server address' })
  })

  it('marks the first field left empty', async () => {
    await page.getByLabel('Server address').fill(server.url)
    await page.getByLabel('E-mail').fill('')
    await page.getByLabel('Password').fill('')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Enter a server address' }).waitFor()
    expect(await marks()).toEqual({ invalid: ['E-mail'], described: ['E-mail'], focused: 'E-mail' })
    await page.getByLabel('E-mail').fill(server.credentials.email)
  })

  it('lands on the Customer page with the right password', async () => {
    await page.getByLabel('Password').fill(server.credentials.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('tab', { name: 'In Queue' }).waitFor({ timeout: 30_000 })
    // The form went from under the focus: the console takes it at its start, not the page's body.
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.matches('button') ? document.activeElement.textContent.trim() : (document.activeElement?.tagName ?? null)")).toBe('Skip to conversations')
    await waitUntilOnline(page)
    await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').first().waitFor()
    expect(app.backendUrl).toBe(server.url)
  })
})

describe('settings', () => {
  const dialog = (name: string) => page.getByRole('dialog', { name })

  it('opens from the header with labelled controls; desktop-only ones are off in the browser and say why', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await dialog('Settings').waitFor()
    for (const label of ['Language', 'Notify me about new chats in the queue', 'Pause notifications', 'Quiet hours']) {
      await dialog('Settings').getByLabel(label, { exact: true }).waitFor()
    }
    expect(await dialog('Settings').getByLabel('Start Observe when I sign in to the computer').isDisabled()).toBe(true)
    await dialog('Settings').getByText('Only in the desktop app').waitFor()
    await dialog('Settings').getByLabel('Quiet hours').check()
    await dialog('Settings').getByLabel('From', { exact: true }).waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'settings.png') })
  })

  it('changes the language, which the settings file keeps across a reload', async () => {
    await dialog('Settings').getByLabel('Language', { exact: true }).selectOption('id')
    await dialog('Pengaturan').waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-id.png') })
    expect(JSON.parse(readFileSync(settingsFile(dataDir), 'utf8'))).toMatchObject({ language: 'id', notifications: { quietHours: { start: '22:00', end: '07:00' } } })

    await page.keyboard.press('Escape')
    await dialog('Pengaturan').waitFor({ state: 'detached' })
    // The page's own memory of the language goes; the settings still say Bahasa Indonesia.
    await page.evaluate(() => localStorage.clear())
    await page.reload()
    await page.getByRole('columnheader', { name: 'Pelanggan' }).waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Pengaturan' }).click()
    await dialog('Pengaturan').getByLabel('Bahasa', { exact: true }).selectOption('en')
    await dialog('Settings').waitFor()
    await page.keyboard.press('Escape')
  })

  it('signs out from the dialog, back to the sign-in screen with the e-mail kept', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await dialog('Settings').getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in to Observe' }).waitFor()
    expect(await page.getByLabel('E-mail').inputValue()).toBe(server.credentials.email)
  })

  it('raised no script errors or CSP violations in the page', () => {
    expect(pageErrors).toEqual([])
  })
})
