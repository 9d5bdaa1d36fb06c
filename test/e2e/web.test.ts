/**
 * Browser mode end to end: a freshly seeded reference server (no simulator), the core and the
 * bridge in-process, and Debian's Chromium driving the built renderer. What the page shows is
 * checked against the server's own numbers over HTTP.
 */
import { mkdirSync, mkdtempSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { WebApp } from '../../electron/web/app'
import { MAX_FRAME_BYTES } from '../../electron/web/bridge'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { API_PREFIX } from '../../shared/api'
import { openObserveOn } from './support/observe-on'
import { buildRenderer, ROOT } from './support/build-renderer'
import { coreResolvedSince, createDemoConversation, serverStats, signIn } from './support/reference'
import { closeAll } from './support/teardown'

const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')
const TABS = [
  { key: 'all', name: 'All' },
  { key: 'in_queue', name: 'In Queue' },
  { key: 'handled', name: 'Handled' },
] as const

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dataDir: string
let apiToken: string
const pageErrors: string[] = []

const tab = (name: string) => page.getByRole('tab', { name, exact: true })
const tabCount = async (name: string): Promise<number> => Number((await tab(name).getByTestId('tab-count').innerText()).replace(/\D/g, ''))
const table = () => page.getByRole('table')

async function stats() {
  const resolvedSince = coreResolvedSince(dataDir)
  if (resolvedSince === null) throw new Error('the core has not recorded its window yet')
  return serverStats(server.url, apiToken, resolvedSince)
}

/** Scrolls the list down until a row matching `name` is rendered (the list pages in as it scrolls). */
async function scrollUntilRow(name: string | RegExp): Promise<void> {
  const row = table().getByRole('row', { name })
  await expect
    .poll(
      async () => {
        if ((await row.count()) > 0) return true
        await page.locator('.scroller').evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
        return false
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true)
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 500, sim: false, demo: true })
  apiToken = await signIn(server.url, server.credentials.email, server.credentials.password)
  dataDir = mkdtempSync(join(tmpdir(), 'observe-web-e2e-'))
  ;({ app, browser, page } = await openObserveOn(server, dataDir, pageErrors, { consoleErrors: true }))
})

afterAll(() => closeAll([browser, app, server], dataDir))

describe('browser mode', () => {
  it('shows the three tabs with the counts the server itself reports', async () => {
    const expected = await stats()
    expect(expected.all).toBeGreaterThan(0)
    for (const { key, name } of TABS) {
      await expect.poll(() => tabCount(name), { timeout: 30_000 }).toBe(expected[key])
    }
    // The page keeps the token out of its address once it has it.
    expect(page.url()).not.toContain('token=')
  })

  it('lists each tab and shows its rows, with a screenshot of each', async () => {
    for (const { key, name } of TABS) {
      await tab(name).click()
      await page.locator(`[role="tab"][aria-selected="true"]#tab-${key}`).waitFor()
      const rows = table().getByRole('rowgroup').nth(1).getByRole('row')
      await rows.first().waitFor()
      if (key === 'in_queue') await table().getByRole('button', { name: 'Assign' }).first().waitFor()
      await page.screenshot({ path: join(SCREENSHOTS, `tab-${key}.png`) })
    }
  })

  it('opens a conversation with its customer and messages when a row is clicked', async () => {
    await tab('All').click()
    const row = table().getByRole('rowgroup').nth(1).getByRole('row').nth(2)
    const id = Number(await row.getAttribute('data-id'))
    const customerName = (await row.locator('.name').innerText()).trim()

    const res = await fetch(new URL(`${API_PREFIX}/conversations/${id}/messages?limit=200`, server.url), {
      headers: { authorization: `Bearer ${apiToken}` },
    })
    const { items } = (await res.json()) as { items: { text: string }[] }
    expect(items.length).toBeGreaterThan(0)

    await row.click()
    const panel = page.getByRole('complementary', { name: customerName, exact: true })
    await panel.waitFor()
    await panel.getByRole('heading', { name: customerName, exact: true }).waitFor()
    // Newest first from the API; the thread shows oldest first. Both ends must be there.
    for (const message of [items[0]!, items[items.length - 1]!]) {
      await panel.getByRole('listitem').filter({ hasText: message.text.slice(0, 60) }).first().waitFor()
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'detail.png') })

    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
  })

  it('shows a new queued conversation without a reload and moves the In Queue count by one', async () => {
    await tab('In Queue').click()
    const before = await tabCount('In Queue')
    expect(before).toBe((await stats()).in_queue)
    // The window's title says it too, for the taskbar.
    const waitingTitle = (count: number): string => `${count.toLocaleString('en-US')} waiting · Observe`
    await expect.poll(() => page.title()).toBe(waitingTitle(before))

    const customerName = `Walk-in <img src=x onerror=alert(1)> ${Date.now()}`
    await createDemoConversation(server.url, apiToken, { customerName, text: 'Halo, pesanan saya belum sampai' })

    await expect.poll(() => tabCount('In Queue'), { timeout: 30_000 }).toBe(before + 1)
    expect((await stats()).in_queue).toBe(before + 1)
    await expect.poll(() => page.title()).toBe(waitingTitle(before + 1))
    await scrollUntilRow(customerName)
    // Rendered as text: the markup in the name did not become an element.
    expect(await table().locator('img').count()).toBe(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'in-queue-new.png') })
  })

  it('switches the interface to Bahasa Indonesia', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
    await page.getByRole('columnheader', { name: 'Pelanggan' }).waitFor()
    await tab('In Queue').waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'bahasa.png') })
    await page.getByRole('combobox', { name: 'Bahasa' }).selectOption('en')
    await page.getByRole('columnheader', { name: 'Customer' }).waitFor()
  })

  it('looks right in dark mode too', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await tab('Handled').click()
    // By keyboard this time: a focused row opens with Enter.
    await table().getByRole('rowgroup').nth(1).getByRole('row').first().focus()
    await page.keyboard.press('Enter')
    await page.getByRole('complementary').getByRole('listitem').first().waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'dark-detail.png') })
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('shows Offline when the server goes away, and says an uncached thread is not available offline', async () => {
    await page.keyboard.press('Escape')
    await tab('In Queue').click()
    await server.close()
    await page.getByRole('status', { name: 'Connection: Offline' }).waitFor({ timeout: 60_000 })
    // The walk-in created above was never opened, so its thread is not in the cache.
    const row = table().getByRole('row', { name: /Walk-in/ })
    await scrollUntilRow(/Walk-in/)
    await row.click()
    const panel = page.getByRole('complementary', { name: /Walk-in/ })
    await panel.getByRole('alert').filter({ hasText: 'not available offline' }).waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'offline.png') })
  })

  it('raised no script errors or CSP violations in the page', () => {
    expect(pageErrors).toEqual([])
  })
})

describe('the bridge', () => {
  const bridgeUrl = () => `${app.origin.replace('http', 'ws')}/bridge`
  const token = () => new URL(app.url).hash.replace('#token=', '')

  /** Resolves with the HTTP status of a refused handshake, or 101 when the socket opened. */
  function handshake(protocols: string[], origin: string | undefined): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(bridgeUrl(), protocols, origin ? { origin } : {})
      ws.on('open', () => {
        ws.close()
        resolve(101)
      })
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('error', (error) => reject(error))
    })
  }

  it('refuses a connection without the token', async () => {
    expect(await handshake(['observe.v1'], app.origin)).toBe(403)
  })

  it('refuses a wrong token', async () => {
    expect(await handshake(['observe.v1', `token.${'0'.repeat(64)}`], app.origin)).toBe(403)
  })

  it('refuses the right token from another origin', async () => {
    expect(await handshake(['observe.v1', `token.${token()}`], 'http://evil.example')).toBe(403)
    expect(await handshake(['observe.v1', `token.${token()}`], undefined)).toBe(403)
  })

  it('answers calls from the served origin with the token', async () => {
    const ws = new WebSocket(bridgeUrl(), ['observe.v1', `token.${token()}`], { origin: app.origin })
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ id: 7, channel: 'connection:get', input: {} })))
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { id?: number }
        if (frame.id === 7) resolve(frame)
      })
      ws.on('error', reject)
    })
    ws.close()
    expect(reply).toMatchObject({ id: 7, result: { ok: true, value: { server: app.backendUrl } } })
  })

  it("answers the page's heartbeat with the same number, and nothing else", async () => {
    const ws = new WebSocket(bridgeUrl(), ['observe.v1', `token.${token()}`], { origin: app.origin })
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ ping: 41 })))
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { event?: string }
        if (frame.event === undefined) resolve(frame)
      })
      ws.on('error', reject)
    })
    ws.close()
    expect(reply).toEqual({ pong: 41 })
  })

  it('closes a socket that sends a frame over the limit or not UTF-8, and keeps answering others', async () => {
    // Each once stopped the whole process: an unhandled 'error' on the socket.
    for (const frame of [Buffer.alloc(MAX_FRAME_BYTES + 1, 0x61), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]) {
      const ws = new WebSocket(bridgeUrl(), ['observe.v1', `token.${token()}`], { origin: app.origin })
      const code = await new Promise<number>((resolve) => {
        ws.on('open', () => ws.send(frame, { binary: false }))
        ws.on('close', (closed) => resolve(closed))
        ws.on('error', () => {})
      })
      expect(code).not.toBe(1000)
    }
    const ws = new WebSocket(bridgeUrl(), ['observe.v1', `token.${token()}`], { origin: app.origin })
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ id: 8, channel: 'connection:get', input: {} })))
      ws.on('message', (data) => resolve(JSON.parse(String(data))))
      ws.on('error', reject)
    })
    ws.close()
    expect(reply).toMatchObject({ id: 8, result: { ok: true } })
  })
})

describe('the page server', () => {
  /** A raw request, so the path reaches the server exactly as written (no URL normalisation). */
  function get(path: string, host?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    const { hostname, port } = new URL(app.origin)
    return new Promise((resolve, reject) => {
      const req = request({ hostname, port, path, method: 'GET', headers: host ? { host } : {} }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.end()
    })
  }

  it('serves the page and its assets with their types and the CSP', async () => {
    const index = await get('/')
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(index.headers['content-security-policy']).toContain("script-src 'self'")
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(index.body)?.[1]
    const style = /href="\.?\/?(assets\/[^"]+\.css)"/.exec(index.body)?.[1]
    expect((await get(`/${script}`)).headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await get(`/${style}`)).headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('never serves a file outside the renderer directory', async () => {
    for (const path of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/../../package.json', '/..\\package.json', '/%00index.html']) {
      const res = await get(path)
      expect(res.status, path).not.toBe(200)
      expect(res.body, path).not.toContain('"name": "observe"')
    }
  })

  it('answers only to its own host name', async () => {
    expect((await get('/', 'attacker.example')).status).toBe(421)
  })
})
