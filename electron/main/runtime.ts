/**
 * Starts what both the Electron shell and browser mode run: the reference server when no other
 * backend is named, and the core signed in to it. Plain Node, so it is tested without Electron.
 */
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { startReferenceServer, type ReferenceServer } from '../../server/index'
import { createCore, type Core, type CoreOptions } from './core'
import type { LaunchConfig, ServerChoice } from './launch-config'

export interface RuntimeOptions {
  config: LaunchConfig
  /** Per-user data folder: the cache, and the embedded server's own store. */
  dataDir: string
  log?: CoreOptions['log']
  retentionDays?: number
  /** How the embedded reference server seeds and simulates, when it is the one started. */
  reference?: { seed?: number; rate?: number; sim?: boolean }
}

export interface Runtime {
  core: Core
  /** The backend the core is signed in to. */
  server: ServerChoice
  /** Set when the reference server runs in this process. */
  embedded: ReferenceServer | null
  stop(): Promise<void>
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  mkdirSync(options.dataDir, { recursive: true })
  let embedded: ReferenceServer | null = null
  let server: ServerChoice
  if (options.config.kind === 'embedded') {
    // The demo server keeps its store beside the cache, so a restart shows the same floor.
    embedded = await startReferenceServer({
      port: 0,
      dbFile: join(options.dataDir, 'reference-server.sqlite'),
      demo: true,
      ...options.reference,
    })
    server = { url: embedded.url, ...embedded.credentials }
  } else {
    server = options.config.server
  }
  const core = createCore({
    dataDir: options.dataDir,
    backend: { kind: 'reference', baseUrl: server.url, email: server.email, password: server.password },
    ...(options.log ? { log: options.log } : {}),
    ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
  })
  try {
    await core.start()
  } catch (error) {
    await embedded?.close()
    throw error
  }
  return {
    core,
    server,
    embedded,
    async stop() {
      await core.stop()
      await embedded?.close()
    },
  }
}
