/**
 * Force Distribution end to end in Chromium (browser mode): the room on the floor over In Queue,
 * the plan in its dialog, and the server's floor once it is queued. What the page says is checked
 * against the server's own agents and conversations over HTTP.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { API_PREFIX } from '../../shared/api'
import { Agent, Conversation } from '../../shared/domain'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { accessibilityViolations } from './support/axe'
import { launchBrowser, openObserve } from './support/browser'
import { buildRenderer } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let app: WebApp
let browser: Browser
let page: Page
let dir: string
let token: string
const pageErrors: string[] = []
const created: Conversation[] = []

const api = async (path: string): Promise<unknown> =>
  (await fetch(new URL(`${API_PREFIX}${path}`, server.url), { headers: { authorization: `Bearer ${token}` } })).json()
const serverAgents = async (): Promise<Agent[]> => ((await api('/workspace')) as { agents: unknown[] }).agents.map((a) => Agent.parse(a))
const serverConversation = async (id: number): Promise<Conversation> => Conversation.parse(await api(`/conversations/${id}`))
const withRoom = (agents: Agent[]): Agent[] => agents.filter((a) => a.role === 'agent' && a.presence === 'online' && a.quota > a.load)

const strip = () => page.getByRole('region', { name: 'Room on the floor' })
const spreadButton = () => strip().getByRole('button', { name: 'Spread the queue…' })
const dialog = () => page.getByRole('dialog', { name: 'Spread the queue over agents' })
const queueRows = () => page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row')

beforeAll(async () => {
  await buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'observe-spread-e2e-'))
  // A still floor: 8 online agents with 30 free places in all, one chat waiting.
  server = await startReferenceServer({ port: 0, seed: 300, sim: false, demo: true, heartbeatMs: 500, dbFile: join(dir, 'server.sqlite') })
  token = await signIn(server.url, server.credentials.email, server.credentials.password)
  // The last one by a name no other chat's text holds, for a search that finds it alone.
  for (let i = 1; i <= 33; i++) {
    const customerName = i === 33 ? 'Sebar Quillfeather' : `Sebar ${String(i).padStart(2, '0')}`
    created.push(await createDemoConversation(server.url, token, { customerName, text: 'Halo, mohon bantuannya' }))
  }
  app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir: join(dir, 'app') })
  browser = await launchBrowser()
  page = await openObserve(browser, app.url, pageErrors)
})

afterAll(() => closeAll([browser, app, server], dir))

it('spreads picked chats, then the queue, over the online agents up to their quotas, longest waiting first, and says who is left waiting', async () => {
  await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
  await expect.poll(() => queueRows().count(), { timeout: 20_000 }).toBeGreaterThan(10)

  // Two picked chats, from the bar for selected ones.
  for (const name of ['Sebar 01', 'Sebar 02']) await page.getByRole('checkbox', { name: `Select ${name}` }).check()
  await page.getByRole('region', { name: 'Selected conversations' }).getByRole('button', { name: 'Spread selected…' }).click()
  // The rule, then what the plan covers, as one sentence after another.
  await dialog().getByText(/never past it\. Only the chats you picked that still wait\.$/).waitFor()
  await dialog().getByRole('button', { name: 'Assign 2 chats' }).click()
  await expect.poll(() => dialog().count()).toBe(0)
  const floor = await serverAgents()
  for (const chat of created.slice(0, 2)) {
    await expect.poll(async () => (await serverConversation(chat.id)).status, { timeout: 20_000 }).toBe('handled')
    const { agentId } = await serverConversation(chat.id)
    const agent = floor.find((a) => a.id === agentId)
    expect(agent).toMatchObject({ role: 'agent', presence: 'online' })
  }

  const before = withRoom(await serverAgents())
  const room = before.reduce((sum, a) => sum + a.quota - a.load, 0)
  await strip().getByText(`Room for ${room} more chats, with ${before.length} online agents`).waitFor({ timeout: 20_000 })

  // Under a search, the plan keeps to what the page shows.
  await page.getByRole('searchbox').fill('Quillfeather')
  await expect.poll(() => queueRows().count(), { timeout: 20_000 }).toBe(1)
  await spreadButton().click()
  await dialog().getByText(/never past it\. Only the chats that match the filters on the page\.$/).waitFor()
  await dialog().getByRole('button', { name: 'Assign one chat' }).waitFor()
  expect(await dialog().getByRole('table').getByRole('row').count()).toBe(2)
  expect(await dialog().getByRole('row', { name: /Sebar Quillfeather/ }).getByRole('cell').first().innerText()).toBe('+1')
  // The row is heard as the agent, then whom they get (here Sebar), not as one long name.
  await dialog().getByRole('rowheader', { name: /\S\s?:\s*Sebar Quillfeather$/ }).waitFor()
  await page.keyboard.press('Escape')
  await expect.poll(() => dialog().count()).toBe(0)
  await expect.poll(() => spreadButton().evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  expect(await serverConversation(created.at(-1)!.id)).toMatchObject({ status: 'in_queue' })
  await page.getByRole('searchbox').fill('')
  await expect.poll(() => queueRows().count(), { timeout: 20_000 }).toBeGreaterThan(10)

  await spreadButton().click()
  const plan = dialog().getByRole('table', { name: 'Who gets how many chats' })
  await plan.waitFor()
  // Every agent with room fills it exactly: the queue (34) is longer than the room (30).
  expect(await plan.getByRole('row').count()).toBe(before.length + 1)
  for (const agent of before) {
    const line = plan.getByRole('row', { name: new RegExp(agent.name) })
    expect(await line.getByRole('cell').nth(0).innerText()).toBe(`+${agent.quota - agent.load}`)
    expect(await line.getByRole('cell').nth(1).innerText()).toBe(`${agent.quota} of ${agent.quota}`)
  }
  await dialog().getByText('4 chats stay in the queue: nobody online has room for them.').waitFor()
  expect(await accessibilityViolations(page)).toEqual([])
  await dialog().getByRole('button', { name: `Assign ${room} chats` }).click()
  await expect.poll(() => dialog().count()).toBe(0)
  // The Spread button is disabled now (no room left): the focus goes to the queue, not to the page's body.
  await expect.poll(() => page.evaluate<string | null>("document.activeElement?.closest('[role=row], [role=tab]')?.getAttribute('role') ?? null")).not.toBeNull()
  // One toast for the spread's outcomes, not one a chat.
  await page.getByRole('status', { name: 'Notifications' }).getByText(`${room} chats assigned`).waitFor({ timeout: 30_000 })

  await expect
    .poll(async () => (await serverAgents()).filter((a) => before.some((b) => b.id === a.id)).map((a) => a.quota - a.load), { timeout: 30_000 })
    .toEqual(before.map(() => 0))
  // The newest four are the ones still waiting.
  for (const chat of created.slice(0, -4)) expect((await serverConversation(chat.id)).status).toBe('handled')
  for (const chat of created.slice(-4)) expect((await serverConversation(chat.id)).status).toBe('in_queue')
  await expect.poll(() => queueRows().count(), { timeout: 20_000 }).toBe(4)
  await strip().getByText('No online agent has room for another chat').waitFor({ timeout: 20_000 })
  expect(await spreadButton().isDisabled()).toBe(true)
  expect(pageErrors).toEqual([])
})
