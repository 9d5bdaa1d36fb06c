/**
 * A queued row's Assign, pressed again while the chat's assignment waits in the outbox (the server
 * down), in real Chromium: the list's reads that would take the chat out of In Queue are held back
 * on the page's socket, so the press meets the moment the row shows Pending and still offers Assign.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { buildRenderer, ROOT } from './support/build-renderer'
import { agentWithRoom, createDemoConversation, signIn } from './support/reference'
import { holdAnswersTo } from './support/held-answers'
import { openObserveOn } from './support/observe-on'
import { closeAll } from './support/teardown'

let server: ReferenceServer | undefined
let app: WebApp
let browser: Browser
let page: Page
let dir: string
const pageErrors: string[] = []

/** What the page sent on its socket; the answers to its reads of the list wait while held. */
const socket = holdAnswersTo('conversations:list')

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-row-assign-queued-e2e-'))
  server = await startReferenceServer({ port: 0, seed: 60, sim: false, demo: true, heartbeatMs: 500, dbFile: join(dir, 'server.sqlite') })
  ;({ app, browser, page } = await openObserveOn(server, join(dir, 'app'), pageErrors, { prepare: socket.prepare }))
})

afterAll(() => closeAll([browser, app, server], dir))

it("waits on a row's Assign beside Pending while the chat's assignment is queued, and says why", async () => {
  const token = await signIn(server!.url, server!.credentials.email, server!.credentials.password)
  await createDemoConversation(server!.url, token, { customerName: 'Fajar Rowpending', text: 'Halo, mohon bantuannya' })
  const target = await agentWithRoom(server!.url, token)
  await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
  const row = page.getByRole('table').getByRole('row', { name: /Fajar Rowpending/ })
  await row.waitFor({ timeout: 20_000 })
  await server!.close()
  server = undefined
  await page.getByRole('status', { name: 'Connection: Offline' }).waitFor({ timeout: 30_000 })

  const assign = row.getByRole('button', { name: 'Assign Fajar Rowpending' })
  await assign.click()
  const dialog = page.getByRole('dialog', { name: 'Assign to agent' })
  await dialog.getByRole('radio', { name: new RegExp(target.name) }).check()
  socket.hold()
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click()
  await row.getByText('Pending', { exact: true }).waitFor()

  expect(await assign.getAttribute('aria-disabled')).toBe('true')
  const description = await assign.evaluate((button) => button.ownerDocument.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent?.trim())
  expect(description).toBe('Its assignment is already queued: it goes to the server as soon as it can.')
  await assign.hover()
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'row-assign-already-queued.png') })

  // Pressed by keyboard (a pointer is refused by an aria-disabled button before it clicks): no dialog, no second call.
  await assign.focus()
  const before = socket.sent.length
  await page.keyboard.press('Enter')
  // The page's frames go in order: a heartbeat after the press means a call it made went before it.
  await expect.poll(() => socket.sent.slice(before).includes('ping'), { timeout: 5_000 }).toBe(true)
  expect(await dialog.count()).toBe(0)
  expect(socket.sent.filter((channel) => channel === 'outbox:assign')).toHaveLength(1)

  // The held reads arrive: the chat leaves In Queue.
  socket.release()
  await row.waitFor({ state: 'detached' })
  expect(pageErrors).toEqual([])
})
