/**
 * Assign to me in the detail, pressed again while the chat's assignment waits in the outbox (the
 * server down), in real Chromium: the panel's read of the chat that would show it handled is held
 * back on the page's socket, so the press meets the moment between Observe's answer and that read.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { buildRenderer, ROOT } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { holdAnswersTo } from './support/held-answers'
import { openObserveOn } from './support/observe-on'
import { closeAll } from './support/teardown'

let server: ReferenceServer | undefined
let app: WebApp
let browser: Browser
let page: Page
let dir: string
const pageErrors: string[] = []

/** What the page sent on its socket; the answers to its reads of one conversation wait while held. */
const socket = holdAnswersTo('conversations:get')

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-assign-once-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 60, sim: false, demo: true, heartbeatMs: 500, dbFile: join(dir, 'server.sqlite') })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app'), pageErrors, { prepare: socket.prepare }))
})

afterAll(() => closeAll([browser, app, server], dir))

it('queues one assignment however often Assign to me is pressed while it waits offline, and says it is queued', async () => {
  const token = await signIn(server!.url, server!.credentials.email, server!.credentials.password)
  const chat = await createDemoConversation(server!.url, token, { customerName: 'Eka Twicepress', text: 'Halo, mohon bantuannya' })
  await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
  const row = page.getByRole('table').getByRole('row', { name: /Eka Twicepress/ })
  await row.waitFor({ timeout: 20_000 })
  await server!.close()
  server = undefined
  await page.getByRole('status', { name: 'Connection: Offline' }).waitFor({ timeout: 30_000 })

  await row.click()
  const panel = page.getByRole('complementary', { name: 'Eka Twicepress' })
  const toMe = panel.getByRole('button', { name: 'Assign to me' })
  await toMe.waitFor()
  socket.hold()
  await toMe.click()
  await panel.getByText('Pending', { exact: true }).waitFor()
  const note = 'Its assignment is already queued: it goes to the server as soon as it can.'
  await panel.getByRole('status').filter({ hasText: note }).waitFor()
  expect(await toMe.getAttribute('aria-disabled')).toBe('true')
  expect(await panel.getByRole('button', { name: 'Assign to agent' }).getAttribute('aria-disabled')).toBe('true')
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'assign-already-queued.png') })

  // Pressed again by keyboard (a pointer is refused by an aria-disabled button before it clicks).
  await toMe.focus()
  const before = socket.sent.length
  await page.keyboard.press('Enter')
  // The page's frames go in order: a heartbeat after the press means a call it made went before it.
  await expect.poll(() => socket.sent.slice(before).includes('ping'), { timeout: 5_000 }).toBe(true)
  expect(socket.sent.filter((channel) => channel === 'outbox:assign')).toHaveLength(1)

  const listed = (await app.runtime.handle('outbox:list', {})) as { ok: true; value: { actions: { conversationId: number; state: string }[] } }
  expect(listed.value.actions.filter((action) => action.conversationId === chat.id).map((action) => action.state)).toEqual(['queued'])
  await page.getByRole('banner').getByRole('button', { name: /Pending actions/ }).click()
  const pending = page.getByRole('region', { name: 'Pending actions' })
  await pending.waitFor()
  expect(await pending.getByRole('button', { name: /^Cancel .*Eka Twicepress/ }).count()).toBe(1)
  await page.keyboard.press('Escape')

  // The held read arrives: the chat shows handled, Pending beside it, and no assigning button.
  socket.release()
  await toMe.waitFor({ state: 'detached' })
  expect(pageErrors).toEqual([])
})
