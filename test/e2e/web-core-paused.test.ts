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
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { launchBrowser, openObserve, waitUntilOnline } from './support/browser'
import { buildRenderer, ROOT } from './support/build-renderer'
import { createDemoConversation, signIn } from './support/reference'
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
