/**
 * Browser mode when Observe's own process stops answering while its socket stays open (paused with
 * SIGSTOP here; a process stuck in a loop looks the same): the page must not go on saying Online
 * over actions that hang, and must carry on by itself once the process answers again. The process
 * is `npm run web`'s own entry point, started apart so that it alone can be paused.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { API_PREFIX } from '../../shared/api'
import { Agent, Conversation } from '../../shared/domain'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openObserve, waitUntilOnline } from './support/browser'
import { buildRenderer, ROOT } from './support/build-renderer'
import { agentWithRoom, assignmentLog, createDemoConversation, signIn } from './support/reference'
import { closeAll } from './support/teardown'

let server: ReferenceServer
let core: ChildProcess
let browser: Browser
let page: Page
let dataDir: string

/** Starts `npm run web` against the server and answers the address it prints. */
function startCore(): Promise<string> {
  core = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/web/cli.ts'), '--port', '0', '--data', join(dataDir, 'web'), '--server', server.url, '--email', server.credentials.email],
    { cwd: ROOT, env: { ...process.env, OBSERVE_PASSWORD: server.credentials.password }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    core.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const url = /Observe is running at (\S+)/.exec(out)?.[1]
      if (url) resolve(url)
    })
    core.once('exit', (code) => reject(new Error(`observe web exited (${code}) before it listened: ${out}`)))
  })
}

beforeAll(async () => {
  await buildRenderer()
  server = await startReferenceServer({ port: 0, seed: 50, sim: false, demo: true })
  dataDir = mkdtempSync(join(tmpdir(), 'observe-web-paused-'))
  const url = await startCore()
  browser = await launchBrowser()
  page = await openObserve(browser, url)
})

afterAll(async () => {
  if (core && core.exitCode === null) {
    // A paused process does not see its SIGTERM until it runs again.
    core.kill('SIGCONT')
    const exited = new Promise((done) => core.once('exit', done))
    core.kill('SIGTERM')
    await exited
  }
  await closeAll([browser, server], dataDir)
})

/** The server's own record of a chat. */
async function serverConversation(token: string, id: number): Promise<Conversation> {
  const res = await fetch(new URL(`${API_PREFIX}/conversations/${id}`, server.url), { headers: { authorization: `Bearer ${token}` } })
  return Conversation.parse(await res.json())
}

it('says Observe is not responding while its process is paused, and is live again by itself once it runs', async () => {
  await waitUntilOnline(page)
  core.kill('SIGSTOP')
  const indicator = page.getByRole('status', { name: 'Connection: Not responding' })
  await indicator.waitFor({ timeout: 30_000 })
  expect(await page.locator('.connection').getAttribute('title')).toContain('Observe itself is not answering this page')

  // What happens meanwhile on the server reaches the page once Observe runs again.
  const token = await signIn(server.url, server.credentials.email, server.credentials.password)
  await createDemoConversation(server.url, token, { customerName: 'Paused Pratama', text: 'Halo, masih ada orang?' })
  core.kill('SIGCONT')
  await waitUntilOnline(page, 30_000)
  await page.getByRole('table').getByRole('row').filter({ hasText: 'Paused Pratama' }).waitFor({ timeout: 30_000 })
  expect(await indicator.count()).toBe(0)
})

describe('assigning while Observe is not responding', () => {
  const notResponding = () => page.getByRole('status', { name: 'Connection: Not responding' })
  const dialog = () => page.getByRole('dialog', { name: 'Assign to agent' })
  // A test failing half-way must not leave the next one facing a paused process, or a dialog over the list.
  afterEach(async () => {
    core.kill('SIGCONT')
    if ((await dialog().count()) > 0) await dialog().getByRole('button', { name: /^(Cancel|Close)$/ }).click()
  })

  /** A new chat in the queue, its Assign dialog open on the page with `agent` chosen, and Observe then paused. */
  async function assignDialogPaused(token: string, customerName: string, agent: Agent): Promise<Conversation> {
    await waitUntilOnline(page, 30_000)
    const chat = await createDemoConversation(server.url, token, { customerName, text: 'Tolong dibantu ya' })
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    const assign = page.getByRole('table').getByRole('button', { name: `Assign ${customerName}` })
    await assign.waitFor({ timeout: 30_000 })
    await assign.click()
    await dialog().getByRole('radio', { name: new RegExp(agent.name) }).check()
    core.kill('SIGSTOP')
    await notResponding().waitFor({ timeout: 30_000 })
    return chat
  }

  it('says the press waits to be sent, sends it once, and assigns it when Observe answers again', async () => {
    const token = await signIn(server.url, server.credentials.email, server.credentials.password)
    const agent = await agentWithRoom(server.url, token)
    const chat = await assignDialogPaused(token, 'Waiting Wulan', agent)

    await dialog().getByRole('button', { name: 'Assign', exact: true }).click()
    const working = dialog().getByRole('button', { name: 'Assigning…' })
    expect(await working.getAttribute('aria-busy')).toBe('true')
    expect(await working.getAttribute('aria-disabled')).toBe('true')
    await dialog()
      .getByRole('status')
      .filter({ hasText: 'Observe is not answering this page, so this has not been sent yet. It goes as soon as Observe answers; if Observe has not answered within 20 seconds' })
      .waitFor()
    // The focus stays on the button, and pressing it again sends nothing more.
    await expect.poll(() => working.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await dialog().getByRole('button', { name: 'Close' }).waitFor()

    core.kill('SIGCONT')
    await expect.poll(() => dialog().count(), { timeout: 15_000 }).toBe(0)
    await expect.poll(async () => (await serverConversation(token, chat.id)).agentId, { timeout: 20_000 }).toBe(agent.id)
    await page.getByRole('status').filter({ hasText: `Waiting Wulan assigned to ${agent.name}` }).waitFor({ timeout: 20_000 })
    // Once only: a second call would have told of the chat left out, no longer waiting.
    expect(await page.getByText('Waiting Wulan was left out').count()).toBe(0)
  })

  it('says plainly that a press Observe never answered assigned nothing, and assigns it when pressed again', async () => {
    const token = await signIn(server.url, server.credentials.email, server.credentials.password)
    const agent = await agentWithRoom(server.url, token)
    const chat = await assignDialogPaused(token, 'Dropped Dimas', agent)

    await dialog().getByRole('button', { name: 'Assign', exact: true }).click()
    await dialog().getByRole('button', { name: 'Assigning…' }).waitFor()
    const notAssigned = dialog().getByRole('alert').filter({ hasText: 'Not assigned: Observe did not answer within 20 seconds, so nothing was sent. You can try again.' })
    await notAssigned.waitFor({ timeout: 40_000 })
    const again = dialog().getByRole('button', { name: 'Assign', exact: true })
    expect(await again.getAttribute('aria-busy')).toBeNull()
    expect(await again.isEnabled()).toBe(true)

    core.kill('SIGCONT')
    await waitUntilOnline(page, 30_000)
    // Given up, it was never sent: once Observe runs again the chat still waits, here and on the server.
    await page.getByRole('table').getByRole('button', { name: 'Assign Dropped Dimas' }).waitFor()
    expect((await serverConversation(token, chat.id)).status).toBe('in_queue')

    await again.click()
    await expect.poll(() => dialog().count(), { timeout: 15_000 }).toBe(0)
    await expect.poll(async () => (await serverConversation(token, chat.id)).agentId, { timeout: 20_000 }).toBe(agent.id)
  })
})

describe('the other presses that assign, while Observe is not responding', () => {
  const notResponding = () => page.getByRole('status', { name: 'Connection: Not responding' })
  const spreadDialog = () => page.getByRole('dialog', { name: 'Spread the queue over agents' })
  afterEach(async () => {
    core.kill('SIGCONT')
    if ((await spreadDialog().count()) > 0) await spreadDialog().getByRole('button', { name: /^(Cancel|Close)$/ }).click()
  })

  /** Who the page is signed in as, as the server has it. */
  async function me(token: string): Promise<Agent> {
    const res = await fetch(new URL(`${API_PREFIX}/me`, server.url), { headers: { authorization: `Bearer ${token}` } })
    return Agent.parse(await res.json())
  }

  /** A new chat waiting in the queue, shown on the In Queue tab. */
  async function queued(token: string, customerName: string): Promise<Conversation> {
    await waitUntilOnline(page, 30_000)
    const chat = await createDemoConversation(server.url, token, { customerName, text: 'Bisa dibantu?' })
    await page.getByRole('tab', { name: 'In Queue', exact: true }).click()
    await page.getByRole('table').getByRole('row').filter({ hasText: customerName }).waitFor({ timeout: 30_000 })
    return chat
  }

  /** What the server logged for a chat: a second call would have logged, or been refused, a second time. */
  const logged = async (token: string, chat: Conversation) => (await assignmentLog(server.url, token)).filter((r) => r.conversationId === chat.id)

  it("Assign to me in the detail says it is assigning and why it waits, and sends once however often pressed", async () => {
    const token = await signIn(server.url, server.credentials.email, server.credentials.password)
    const self = await me(token)
    const chat = await queued(token, 'Detail Dewi')
    await page.getByRole('table').getByRole('row').filter({ hasText: 'Detail Dewi' }).click()
    const panel = page.getByRole('complementary', { name: 'Detail Dewi' })
    const assignToMe = panel.getByRole('button', { name: 'Assign to me' })
    await assignToMe.waitFor()
    core.kill('SIGSTOP')
    await notResponding().waitFor({ timeout: 30_000 })

    await assignToMe.click()
    const working = panel.getByRole('button', { name: 'Assigning…' })
    expect(await working.getAttribute('aria-busy')).toBe('true')
    expect(await working.getAttribute('aria-disabled')).toBe('true')
    await panel.getByRole('status').filter({ hasText: 'Observe is not answering: not sent yet. If it stays silent 20 seconds, nothing is sent.' }).waitFor()
    await expect.poll(() => working.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Space')

    core.kill('SIGCONT')
    await expect.poll(async () => (await serverConversation(token, chat.id)).agentId, { timeout: 20_000 }).toBe(self.id)
    await page.getByRole('status').filter({ hasText: 'Detail Dewi assigned to you' }).waitFor({ timeout: 20_000 })
    expect(await logged(token, chat)).toHaveLength(1)
    expect(await page.getByText('Detail Dewi was left out').count()).toBe(0)
    await page.keyboard.press('Escape')
  })

  it('Spread says it is assigning and that the plan waits to be sent, promises nothing kept, and sends once however often pressed', async () => {
    const token = await signIn(server.url, server.credentials.email, server.credentials.password)
    const chat = await queued(token, 'Spread Sekar')
    await page.getByRole('checkbox', { name: 'Select Spread Sekar' }).check()
    await page.getByRole('region', { name: 'Selected conversations' }).getByRole('button', { name: 'Spread selected…' }).click()
    const confirm = spreadDialog().getByRole('button', { name: 'Assign one chat' })
    await confirm.waitFor({ timeout: 20_000 })
    core.kill('SIGSTOP')
    await notResponding().waitFor({ timeout: 30_000 })

    await confirm.click()
    const working = spreadDialog().getByRole('button', { name: 'Assigning…' })
    expect(await working.getAttribute('aria-busy')).toBe('true')
    expect(await working.getAttribute('aria-disabled')).toBe('true')
    await spreadDialog()
      .getByRole('status')
      .filter({ hasText: 'Observe is not answering this page, so this has not been sent yet. It goes as soon as Observe answers; if Observe has not answered within 20 seconds' })
      .waitFor()
    // Observe, the one that would keep the assignments, is the one not answering: no such promise.
    expect(await spreadDialog().getByText('Offline: the assignments are kept here').count()).toBe(0)
    await expect.poll(() => working.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await spreadDialog().getByRole('button', { name: 'Close' }).waitFor()

    core.kill('SIGCONT')
    await expect.poll(() => spreadDialog().count(), { timeout: 15_000 }).toBe(0)
    await expect.poll(async () => (await serverConversation(token, chat.id)).status, { timeout: 20_000 }).toBe('handled')
    expect(await logged(token, chat)).toHaveLength(1)
    expect(await page.getByText('Spread Sekar was left out').count()).toBe(0)
  })
})
