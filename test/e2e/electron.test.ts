/**
 * The Electron shell itself, driven by Playwright's Electron launcher. Runs wherever Electron's
 * binary is installed; elsewhere it says why it is skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { findElectronBinary } from '../../electron/electron-binary'

const binary = findElectronBinary()
if (!binary.ok) console.log(`SKIPPED Electron end-to-end tests: ${binary.reason} (set it up with "npx install-electron" where the network allows).`)

describe.skipIf(!binary.ok)('the Electron app', () => {
  let app: ElectronApplication
  let page: Page
  let userData: string

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'observe-electron-'))
    app = await _electron.launch({
      executablePath: binary.ok ? binary.path : '',
      args: ['.', `--user-data-dir=${userData}`],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    })
    page = await app.firstWindow()
  })

  afterAll(async () => {
    await app?.close()
    rmSync(userData, { recursive: true, force: true })
  })

  it('shows the three tabs with counts from the embedded server', async () => {
    // The window opens while the runtime is still starting (the page says so), so allow for the
    // embedded server's first seeding and the first bootstrap.
    for (const name of ['All', 'In Queue', 'Handled']) {
      await expect.poll(() => page.getByRole('tab', { name, exact: true }).count(), { timeout: 60_000 }).toBe(1)
    }
    await expect
      .poll(async () => Number(await page.getByRole('tab', { name: 'All', exact: true }).getByTestId('tab-count').innerText()), { timeout: 60_000 })
      .toBeGreaterThan(0)
  })

  it('gives the page no Node and no ipcRenderer, only window.observe', async () => {
    const exposed = await page.evaluate(() => {
      const page = globalThis as unknown as { require?: unknown; process?: unknown; observe: object }
      return { require: typeof page.require, process: typeof page.process, observe: Object.keys(page.observe).sort() }
    })
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', observe: ['invoke', 'on'] })
  })

  it('answers an unknown channel with a typed error instead of reaching the main process', async () => {
    const answer = await page.evaluate(() =>
      (globalThis as unknown as { observe: { invoke(c: string, i: unknown): Promise<unknown> } }).observe.invoke('fs:read', {}),
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
  })
})
