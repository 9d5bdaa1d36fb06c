/**
 * A steady stream of new chats in browser mode: the first is told at once, and the chats that come
 * within the cool-down after it are told together when it ends, as one notice in the polite status
 * a screen reader reads and one entry under Pending actions, not one each.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { WebApp } from '../../electron/web/app'
import { TOLD_WITHIN_MS } from './support/told-within'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import type { IpcResult } from '../../shared/ipc'
import { openObserveOn } from './support/observe-on'
import { buildRenderer, ROOT } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string


beforeAll(async () => {
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 300, sim: false, demo: true })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  dir = mkdtempSync(join(tmpdir(), 'observe-pacing-e2e-'))
  ;({ app, browser, page } = await openObserveOn(server, dir))
})

afterAll(() => closeAll([browser, app, server], dir))

it('tells the first chat of a stream at once and the next four in one notice when the cool-down ends', async () => {
  // Only new chats are told here: the seeded queue's long waits would be alerted too.
  const off = (await app.runtime.handle('settings:update', { notifications: { waitingTooLongMinutes: 0 } })) as IpcResult<unknown>
  expect(off.ok).toBe(true)
  const toasts = page.getByRole('status', { name: 'Notifications' })
  await createDemoConversation(server.url, token, { customerName: 'Arus Pertama', text: 'Halo' })
  await toasts.getByText('Arus Pertama is waiting on', { exact: false }).waitFor({ timeout: TOLD_WITHIN_MS })

  // One after another, each on the page before the next comes, as a stream brings them: not one
  // burst that a single read of the queue finds together.
  for (const customerName of ['Arus Kedua', 'Arus Ketiga', 'Arus Keempat', 'Arus Kelima']) {
    await createDemoConversation(server.url, token, { customerName, text: 'Halo' })
    await page.getByRole('table').getByRole('row', { name: new RegExp(customerName) }).waitFor()
  }
  await toasts.getByText('4 new chats waiting').waitFor({ timeout: TOLD_WITHIN_MS })
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'queue-paced-notice.png') })

  // Kept as heard: the first chat by name, the four in one entry that leads to the queue.
  await page.getByRole('banner').getByRole('button', { name: 'Pending actions' }).click()
  const kept = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem')
  expect(await kept.allInnerTexts()).toEqual([expect.stringContaining('4 new chats waiting'), expect.stringContaining('Arus Pertama is waiting on')])
  expect(await kept.first().getByRole('button', { name: 'Show queue' }).count()).toBe(1)
})
