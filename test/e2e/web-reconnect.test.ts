/**
 * Browser mode when the page's socket to Observe drops and comes back: what Observe told while it
 * was gone (an action queued or put away in another tab, a hand-off, a new language) went to the
 * old socket. The page must read it again once it is back, not go on showing what it held.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { settingsFile } from '../../electron/main/settings/settings-store'
import { startWebApp, type WebApp } from '../../electron/web/app'
import type { IpcChannelName, IpcInput, IpcOutput } from '../../shared/ipc/contract'
import type { QueuedChat } from '../../shared/ipc/queue-notices'
import type { IpcResult } from '../../shared/ipc/result'
import { DEFAULT_SETTINGS } from '../../shared/ipc/settings'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { buildRenderer, ROOT } from './support/build-renderer'
import { launchBrowser, openObserve, waitUntilOnline } from './support/browser'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dataDir: string

/** The page's socket now, and whether a new one is turned away (the page is cut off from Observe). */
let socket: WebSocketRoute | null = null
let cutOff = false

const throughRoute = (context: BrowserContext) =>
  context.routeWebSocket(/\/bridge/, (route) => {
    if (cutOff) return void route.close()
    socket = route
    route.connectToServer()
  })

beforeAll(async () => {
  await buildRenderer()
  // This seed's queue holds three chats waiting for about 87, 44 and 18 minutes.
  server = await startReferenceServer({ port: 0, seed: 250, sim: false, demo: true })
  dataDir = mkdtempSync(join(tmpdir(), 'observe-web-reconnect-'))
  // The long-wait alert off until a test turns it on while the page is cut off: the seed's queue
  // then passes the threshold at once, and nothing before is about long waits.
  const alertOff = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, waitingTooLongMinutes: 0 } }
  writeFileSync(settingsFile(dataDir), JSON.stringify(alertOff))
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir, overdueEveryMs: 300 })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url, [], { prepare: throughRoute })
})

afterAll(() => closeAll([browser, app, server], dataDir))

/** Asks Observe's core directly, as another tab would through its own socket. */
async function core<C extends IpcChannelName>(channel: C, input: IpcInput<C>): Promise<IpcOutput<C>> {
  const result = (await app.runtime.handle(channel, input)) as IpcResult<IpcOutput<C>>
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}

/** Drops the page's socket and turns its new ones away until `meanwhile` is done, then lets it back. */
async function whileCutOff(meanwhile: () => Promise<void>): Promise<void> {
  cutOff = true
  await socket!.close()
  // The page may be in either language by then.
  await page.getByRole('status', { name: /^(Connection|Koneksi): Offline$/ }).waitFor({ timeout: 30_000 })
  await meanwhile()
  cutOff = false
}

/** A new chat in the queue, once Observe's cache holds it. */
async function queuedChat(customerName: string): Promise<number> {
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  const chat = await createDemoConversation(server.url, token, { customerName, text: 'Halo, ada yang bisa bantu?' })
  await expect
    .poll(async () => (await core('conversations:list', { tab: 'in_queue', limit: 50 })).rows.some((row) => row.id === chat.id), { timeout: 30_000 })
    .toBe(true)
  return chat.id
}

/** Queues an assignment of `chat` to `agent` and waits for its outcome. */
async function assign(chat: number, agent: 'online' | 'offline'): Promise<number> {
  const workspace = await core('workspace:get', {})
  const to = workspace.agents.find((a) => a.role === 'agent' && a.presence === agent && (agent === 'offline' || a.load < a.quota - 1))!
  const { actions } = await core('outbox:assign', { conversationIds: [chat], agentId: to.id, dataset: workspace.datasetId })
  const id = actions[0]!.id
  const outcome = agent === 'online' ? 'done' : 'rejected'
  await expect.poll(async () => (await core('outbox:list', {})).actions.find((action) => action.id === id)?.state, { timeout: 20_000 }).toBe(outcome)
  return id
}

it('lists in Pending actions what was queued and refused while its socket was gone, and no longer what was dismissed meanwhile', async () => {
  // Refused (the agent is offline): it stays in Pending actions until dismissed.
  const before = await assign(await queuedChat('Dismissed Dewi'), 'offline')
  const toggle = page.getByRole('banner').getByRole('button', { name: /^Pending actions/ })
  await page.getByRole('banner').getByRole('button', { name: /^Pending actions.*1 refused/ }).waitFor({ timeout: 10_000 })

  const later = await queuedChat('Refused Rudi')
  await whileCutOff(async () => {
    await core('outbox:dismiss', { id: before })
    await assign(later, 'offline')
  })
  await waitUntilOnline(page, 30_000)

  await toggle.click()
  const pending = page.getByRole('region', { name: 'Pending actions' })
  await pending.getByRole('button', { name: /^Dismiss .*Refused Rudi/ }).waitFor({ timeout: 10_000 })
  expect(await pending.getByRole('button', { name: /^Dismiss .*Dismissed Dewi/ }).count()).toBe(0)
  await toggle.click()
})

it('shows on Log History a hand-off that reached the log while its socket was gone', async () => {
  await page.getByRole('navigation', { name: 'Observe pages' }).getByRole('button', { name: 'Log History', exact: true }).click()
  await page.getByRole('heading', { name: 'Log History', level: 1 }).waitFor()
  const log = page.getByRole('table')
  const chat = await queuedChat('Logged Lestari')

  await whileCutOff(async () => {
    await assign(chat, 'online')
    await expect
      .poll(async () => (await core('log:list', { limit: 20 })).entries.some((entry) => entry.conversationId === chat), { timeout: 30_000 })
      .toBe(true)
  })
  await waitUntilOnline(page, 30_000)

  await log.getByRole('row').filter({ hasText: 'Logged Lestari' }).first().waitFor({ timeout: 10_000 })
})

/** The queue notices Observe pushed naming these customers, once it has pushed one for each. */
async function toldOf(names: string[], told: () => string[]): Promise<void> {
  await expect.poll(() => names.filter((name) => !told().includes(name)), { timeout: 30_000 }).toEqual([])
}

/** Every customer named by the queue notices Observe pushes from now on, to the page or not. */
function listenToNotices(): { told: () => string[]; stop: () => void } {
  const names: string[] = []
  const stop = app.runtime.on('queue:notices', (list) => {
    for (const notice of list) if (notice.kind === 'new_chat' || notice.kind === 'new_chats') names.push(...(notice.kind === 'new_chat' ? [notice.chat] : notice.chats).map((chat) => chat.customerName))
  })
  return { told: () => names, stop }
}

const notices = () => page.getByRole('status', { name: 'Notifications' })
const kept = () => page.getByRole('list', { name: 'Notifications' })

it('tells, once back, of the chats queued while its socket was gone that still wait, not of one assigned meanwhile, nor again of one told before', async () => {
  const pushed = listenToNotices()
  const pendingActions = page.getByRole('banner').getByRole('button', { name: /^Pending actions/ })
  const told = (text: string) => kept().getByRole('listitem').filter({ hasText: text })
  await queuedChat('Heard Hana')
  // Heard before the cut-off: pushed, then in the page's list of notices (a short window shows one
  // toast at a time, so an earlier outcome's toast may still hold the only place for one).
  await toldOf(['Heard Hana'], pushed.told)
  await pendingActions.click()
  await told('Heard Hana is waiting on').waitFor({ timeout: 15_000 })
  await pendingActions.click()

  await whileCutOff(async () => {
    await queuedChat('Missed Made')
    await queuedChat('Missed Mira')
    const assigned = await queuedChat('Assigned Agus')
    await toldOf(['Missed Made', 'Missed Mira', 'Assigned Agus'], pushed.told)
    await assign(assigned, 'online')
  })
  pushed.stop()
  await waitUntilOnline(page, 30_000)

  // A short window shows one toast at a time, and the outcome of the assignment comes in too: the
  // list under Pending actions keeps every notice.
  await pendingActions.click()
  await told('Missed Made is waiting on').waitFor({ timeout: 15_000 })
  await told('Missed Mira is waiting on').waitFor()
  expect(await told('Heard Hana is waiting on').count()).toBe(1)
  expect(await told('Missed Made is waiting on').count()).toBe(1)
  expect(await told('Assigned Agus is waiting on').count()).toBe(0)
  await pendingActions.click()
})

it('tells in one notice of more chats queued while its socket was gone than the grouping threshold', async () => {
  const pushed = listenToNotices()
  const names = ['Banyak Bayu', 'Banyak Bunga', 'Banyak Budi', 'Banyak Bella']
  await whileCutOff(async () => {
    for (const name of names) await queuedChat(name)
    await toldOf(names, pushed.told)
  })
  pushed.stop()
  await waitUntilOnline(page, 30_000)

  const summary = notices().getByText('4 chats joined the queue while Observe was disconnected and are still waiting')
  await summary.waitFor({ timeout: 15_000 })
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'missed-queue-notices.png') })
  expect(await notices().innerText()).not.toContain('Banyak Bayu is waiting on')
  // It leads to the queue they wait in.
  await notices().getByRole('button', { name: 'Show queue' }).last().click()
  await expect.poll(() => page.getByRole('tab', { name: /^In Queue/ }).getAttribute('aria-selected')).toBe('true')
})

it('tells, once back, of each chat that passed the long-wait threshold while its socket was gone and still waits, once, not of one assigned meanwhile, nor again of one heard live', async () => {
  const pendingActions = page.getByRole('banner').getByRole('button', { name: /^Pending actions/ })
  const told = (text: string) => kept().getByRole('listitem').filter({ hasText: text })
  const alerted: QueuedChat[] = []
  const stop = app.runtime.on('queue:notices', (list) => {
    for (const notice of list) if (notice.kind === 'waiting_too_long') alerted.push(notice.chat)
  })
  try {
    // Heard live: the longest waiting only, past an hour; one by one, as the live alerts are.
    await core('settings:update', { notifications: { waitingTooLongMinutes: 60, coalesceAbove: 50 } })
    await expect.poll(() => alerted.length, { timeout: 15_000 }).toBe(1)
    const heard = alerted[0]!.customerName
    await pendingActions.click()
    await told(`${heard} has waited`).waitFor({ timeout: 15_000 })
    await pendingActions.click()

    let missed: string[] = []
    await whileCutOff(async () => {
      await core('settings:update', { notifications: { waitingTooLongMinutes: 1 } })
      await expect.poll(() => alerted.length, { timeout: 15_000 }).toBe(3)
      missed = alerted.slice(1).map((chat) => chat.customerName)
      await assign(alerted[1]!.id, 'online')
    })
    await waitUntilOnline(page, 30_000)
    const [assigned, waiting] = missed as [string, string]

    await pendingActions.click()
    await told(`${waiting} has waited`).waitFor({ timeout: 15_000 })
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'missed-long-waits.png') })
    expect(await told(`${waiting} has waited`).count()).toBe(1)
    expect(await told(`${heard} has waited`).count()).toBe(1)
    expect(await told(`${assigned} has waited`).count()).toBe(0)
    await pendingActions.click()
  } finally {
    stop()
    await core('settings:update', { notifications: { waitingTooLongMinutes: 0, coalesceAbove: DEFAULT_SETTINGS.notifications.coalesceAbove } })
  }
})

const tab = (name: string) => page.getByRole('tab', { name, exact: true })
const tabCount = async (name: string): Promise<number> => Number((await tab(name).getByTestId('tab-count').innerText()).replace(/\D/g, ''))
const row = (name: string) => page.getByRole('table').getByRole('row', { name: new RegExp(name) })

it('counts, lists and shows open, once back, the chats queued and assigned while its socket was gone', async () => {
  await tab('In Queue').click()
  const opened = await queuedChat('Opened Oka')
  await row('Opened Oka').click()
  const detail = page.getByRole('complementary', { name: 'Opened Oka' })
  await detail.getByRole('button', { name: 'Assign to me' }).waitFor({ timeout: 10_000 })
  const before = await core('conversations:counts', { filters: {} })
  await expect.poll(() => tabCount('In Queue'), { timeout: 10_000 }).toBe(before.in_queue)

  await whileCutOff(async () => {
    await queuedChat('Counted Citra')
    await queuedChat('Counted Cahya')
    await assign(opened, 'online')
  })
  const after = await core('conversations:counts', { filters: {} })
  // Two more wait, one fewer: what was pushed meanwhile went to the old socket.
  expect(after.in_queue).toBe(before.in_queue + 1)
  expect(after.handled).toBe(before.handled + 1)
  await waitUntilOnline(page, 30_000)

  await expect.poll(() => tabCount('In Queue'), { timeout: 10_000 }).toBe(after.in_queue)
  await expect.poll(() => tabCount('All'), { timeout: 10_000 }).toBe(after.all)
  await expect.poll(() => tabCount('Handled'), { timeout: 10_000 }).toBe(after.handled)
  await expect.poll(() => page.title(), { timeout: 10_000 }).toBe(`${after.in_queue} waiting · Observe`)
  await row('Counted Citra').waitFor({ timeout: 10_000 })
  await row('Counted Cahya').waitFor({ timeout: 10_000 })
  await expect.poll(() => row('Opened Oka').count(), { timeout: 10_000 }).toBe(0)
  const { conversation } = await core('conversations:get', { id: opened })
  const agent = (await core('workspace:get', {})).agents.find((a) => a.id === conversation.agentId)!
  await expect.poll(() => detail.innerText(), { timeout: 10_000 }).toContain(agent.name)
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'reconnect-counts.png') })
  await page.keyboard.press('Escape')
})

it('takes the language chosen in another tab while its socket was gone', async () => {
  await whileCutOff(async () => {
    await core('settings:update', { language: 'id' })
  })
  await page.getByRole('status', { name: 'Koneksi: Online' }).waitFor({ timeout: 30_000 })
})

it('shows the sign-in screen once back when Observe was signed out in another tab while its socket was gone', async () => {
  await whileCutOff(async () => {
    await app.runtime.signOut()
  })
  // In Bahasa Indonesia, as chosen in the test before.
  await page.getByRole('heading', { name: 'Masuk ke Observe' }).waitFor({ timeout: 30_000 })
})
