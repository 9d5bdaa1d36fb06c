/**
 * Searching the All tab also asks the server for the resolved history the cache no longer keeps,
 * and shows it under the cached results, marked as the server's; offline it says that needs a
 * connection. The cache keeps 3 days here, so the seed's older resolved conversations are only
 * on the server; which ones they are is read from the server itself.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation } from '../../shared/domain'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { accessibilityViolations } from './support/axe'
import { launchBrowser, openObserve, waitUntilOnline } from './support/browser'
import { buildRenderer } from './support/build-renderer'
import { signIn } from './support/reference'
import { fetchConversations } from './support/server-data'
import { closeAll } from './support/teardown'

const DAY = 86_400_000

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dataDir: string
let old: Conversation
let recent: Conversation
/** The old conversation's newest message, as the server holds it. */
let oldMessage: string
const errors: string[] = []

/** The server keeps its data in a file, so that it can stop and come back on the same port with the same history. */
function startServer(port = 0): Promise<ReferenceServer> {
  return startReferenceServer({ port, seed: 77, sim: false, dbFile: join(dataDir, 'server.sqlite') })
}

beforeAll(async () => {
  await buildRenderer()
  dataDir = mkdtempSync(join(tmpdir(), 'observe-history-'))
  server = await startServer()
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  const now = Date.now()
  const all = await fetchConversations(server.url, token, 0)
  old = all.find((c) => c.status === 'resolved' && c.resolvedAt! < now - 6 * DAY)!
  recent = all.find((c) => c.status === 'resolved' && c.resolvedAt! > now - DAY)!
  const res = await fetch(`${server.url}/api/v1/conversations/${old.id}/messages?limit=1`, { headers: { authorization: `Bearer ${token}` } })
  oldMessage = ((await res.json()) as { items: { text: string }[] }).items[0]!.text
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir: join(dataDir, 'app'), retentionDays: 3 })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url, errors)
})

afterAll(() => closeAll([browser, app, server], dataDir))

const search = (text: string) => page.getByRole('searchbox').fill(text)
const history = () => page.getByRole('region', { name: 'Older history on the server' })

describe('older history from the server', () => {
  it('shows a resolved conversation older than the cache window under the search, marked as the server’s', async () => {
    expect(old, 'the seed holds resolved history older than the window').toBeDefined()
    await search(String(old.ticketNo))
    const found = history().getByRole('table', { name: 'Older conversations found on the server' })
    const row = found.getByRole('row').filter({ hasText: old.customer.name })
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
    expect(await row.getByText('Server', { exact: true }).getAttribute('title')).toBe('From the server, not in the local cache')
    expect(await row.innerText()).toContain('Resolved')
    // It is not in the cache: the cached list has nothing for it.
    await page.getByRole('tabpanel').getByText('No conversations match these filters', { exact: true }).waitFor()
    expect(await accessibilityViolations(page)).toEqual([])

    // Opened, it is read whole from the server: the conversation, marked, and its thread.
    await row.click()
    const panel = page.getByRole('complementary', { name: old.customer.name })
    await panel.getByText('From the server, not in the local cache').waitFor()
    await panel.getByText(oldMessage, { exact: false }).first().waitFor({ timeout: 10_000 })
    expect(await row.getAttribute('aria-current')).toBe('true')
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count()).toBe(0)
    // Focus goes back to the row it came from.
    expect(await row.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  })

  it('says when the server has nothing older, and leaves the region out of the other tabs and of short searches', async () => {
    await search(String(recent.ticketNo))
    await history().getByText('Nothing older matches on the server.').waitFor()
    // The cached list has it instead.
    await page.getByRole('table').first().getByRole('row').filter({ hasText: recent.customer.name }).first().waitFor()

    await page.getByRole('tab', { name: 'Handled', exact: true }).click()
    await expect.poll(() => history().count()).toBe(0)
    await page.getByRole('tab', { name: 'All', exact: true }).click()
    await history().waitFor()
    await search('a')
    await expect.poll(() => history().count()).toBe(0)
  })

  it('offline, says older history needs a connection, and searches again once the server is back', async () => {
    const port = server.port
    await server.close()
    await page.getByRole('status', { name: 'Connection: Offline' }).waitFor({ timeout: 30_000 })
    await search(String(old.ticketNo))
    await history().getByText('Older history needs a connection.', { exact: false }).waitFor()

    // Nothing is typed again: the same search goes to the server when the connection comes back.
    server = await startServer(port)
    await waitUntilOnline(page)
    const row = history().getByRole('row').filter({ hasText: old.customer.name })
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1)
    expect(await history().getByText('Older history needs a connection.', { exact: false }).count()).toBe(0)
    expect(errors).toEqual([])
  })
})
