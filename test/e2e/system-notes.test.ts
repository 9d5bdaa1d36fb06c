/**
 * Hand-off notes in a thread read in the supervisor's language: in Bahasa Indonesia an assignment
 * and a transfer made on the server, seen live in the open thread, are worded in Bahasa with the
 * agents' names, not in the server's English.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { API_PREFIX, WorkspaceResponse } from '../../shared/api'
import { Agent } from '../../shared/domain'
import { buildRenderer } from './support/build-renderer'
import { openObserveOn } from './support/observe-on'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

const NAME = 'Lestari Handayani'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-system-notes-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 200, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app')))
  await page.setViewportSize({ width: 1440, height: 900 })
}, 120_000)

afterAll(() => closeAll([browser, app, server], dir))

async function api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(new URL(`${API_PREFIX}${path}`, server.url), {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

it('says who assigned and who transferred the chat in Bahasa Indonesia, live in the open thread', async () => {
  const chat = await createDemoConversation(server.url, token, { customerName: NAME, text: 'Halo, pesanan saya belum sampai' })
  const me = Agent.parse(await api('GET', '/me'))
  const [first, second] = WorkspaceResponse.parse(await api('GET', '/workspace')).agents.filter((a) => a.role === 'agent' && a.presence === 'online')
  await page.getByRole('tab', { name: /^All/ }).click()
  const row = page.getByRole('table').getByRole('row').filter({ hasText: NAME })
  await row.waitFor()
  await page.getByRole('combobox', { name: 'Language' }).selectOption('id')
  await row.click()
  const thread = page.getByRole('complementary', { name: NAME }).getByRole('region', { name: 'Pesan' })
  await thread.getByText('Halo, pesanan saya belum sampai').waitFor()

  await api('POST', `/conversations/${chat.id}/assign`, { agentId: first!.id, overrideQuota: true })
  await thread.getByText(`Ditugaskan ke ${first!.name} oleh ${me.name}`, { exact: true }).waitFor()
  await api('POST', `/conversations/${chat.id}/transfer`, { agentId: second!.id, overrideQuota: true })
  await thread.getByText(`Dialihkan dari ${first!.name} ke ${second!.name} oleh ${me.name}`, { exact: true }).waitFor()
  await page.screenshot({ path: '/tmp/sysevents-id.png' })
  // Nothing of the server's English wording is left in the thread.
  expect(await thread.innerText()).not.toMatch(/Assigned to|Transferred from/)
})
