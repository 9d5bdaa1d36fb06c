/**
 * The picks while Assign selected to me waits, in real Chromium: the call is held back on the
 * page's socket on its way to Observe, so the bar says "Assigning…" for as long as the test needs.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { API_PREFIX } from '../../shared/api'
import { Conversation } from '../../shared/domain'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { buildRenderer, ROOT } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { openObserveOn } from './support/observe-on'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
const pageErrors: string[] = []
/** The page's assign calls, held back on their way to Observe: "Assigning…" stays while they wait. */
const heldCalls: (() => void)[] = []

function holdAssignCalls(context: BrowserContext): Promise<void> {
  return context.routeWebSocket(/./, (socket) => {
    const core = socket.connectToServer()
    socket.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { channel?: string }
      if (frame.channel === 'outbox:assign') heldCalls.push(() => core.send(message))
      else core.send(message)
    })
    core.onMessage((message) => socket.send(message))
  })
}

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-held-picks-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 60, sim: false, demo: true, heartbeatMs: 500, dbFile: join(dir, 'server.sqlite') })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app'), pageErrors, { prepare: holdAssignCalls }))
})

afterAll(() => closeAll([browser, app, server], dir))

it('holds the picks still while Assign selected to me waits: no box changes, and a change of the filters waits for the call', async () => {
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  const names = ['Gita Heldpick', 'Hadi Heldpick', 'Indra Heldpick']
  const chats: Conversation[] = []
  for (const customerName of names) chats.push(await createDemoConversation(server.url, token, { customerName, text: 'Halo' }))
  await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
  const box = (name: string) => page.getByRole('checkbox', { name: `Select ${name}` })
  for (const name of names) await box(name).waitFor({ timeout: 20_000 })
  await box(names[0]!).check()
  await box(names[1]!).check()
  const bar = page.getByRole('region', { name: 'Selected conversations' })
  await bar.getByRole('button', { name: 'Assign selected to me' }).click()
  const working = bar.getByRole('button', { name: 'Assigning…' })
  await working.waitFor()
  expect(await working.getAttribute('aria-busy')).toBe('true')

  const selectAll = page.getByRole('checkbox', { name: 'Select all queued' })
  for (const held of [box(names[0]!), box(names[2]!), selectAll]) expect(await held.getAttribute('aria-disabled')).toBe('true')
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'held-picks.png') })
  // By keyboard: a pointer is refused by an aria-disabled box before it clicks. Each keeps its state.
  for (const [held, checked] of [[box(names[0]!), true], [box(names[2]!), false], [selectAll, false]] as const) {
    await held.focus()
    await page.keyboard.press('Space')
    expect(await held.isChecked()).toBe(checked)
  }
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('Heldpick')
  await expect.poll(() => bar.getByRole('status').innerText()).toBe('2 selected')
  await working.waitFor()

  for (const call of heldCalls.splice(0)) call()
  await bar.waitFor({ state: 'detached' })
  const res = (id: number) => fetch(new URL(`${API_PREFIX}/conversations/${id}`, server.url), { headers: { authorization: `Bearer ${token}` } })
  for (const chat of chats.slice(0, 2)) await expect.poll(async () => Conversation.parse(await (await res(chat.id)).json()).status, { timeout: 20_000 }).toBe('handled')
  expect(Conversation.parse(await (await res(chats[2]!.id)).json()).status).toBe('in_queue')
  expect(await box(names[2]!).getAttribute('aria-disabled')).toBeNull()
  expect(pageErrors).toEqual([])
})
