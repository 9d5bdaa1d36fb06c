/**
 * Browser mode listens on a preferred port when it is free, so the page keeps its origin (and the
 * filters stored for it) from one run to the next, and takes any free port when it is not.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../electron/web/app'
import { startReferenceServer, type ReferenceServer } from '../../server/index'

let server: ReferenceServer
const apps: WebApp[] = []
const dirs: string[] = []

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

async function start(preferredPort: number): Promise<WebApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'observe-web-port-'))
  dirs.push(dataDir)
  const app = await startWebApp({ server: { url: server.url, ...server.credentials }, dataDir, preferredPort })
  apps.push(app)
  return app
}

beforeAll(async () => {
  server = await startReferenceServer({ port: 0, seed: 50, sim: false })
})

afterAll(async () => {
  for (const app of apps) await app.close()
  await server?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('the browser-mode port', () => {
  it('is the preferred one when free, and another free one when it is taken', async () => {
    const preferred = await freePort()
    const first = await start(preferred)
    expect(new URL(first.origin).port).toBe(String(preferred))
    const second = await start(preferred)
    expect(new URL(second.origin).port).not.toBe(String(preferred))
    expect((await fetch(second.origin)).status).toBe(200)
  })
})
