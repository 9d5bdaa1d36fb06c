/**
 * The reference Interaction API server: the embedded default backend of Observe and the peer of
 * every integration test. Start it in-process with startReferenceServer, or from the command line
 * with server/cli.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FaultSettingsPatch } from '../shared/api'
import { ConversationActions } from './actions'
import { buildApp } from './app'
import type { ServerContext } from './context'
import { Faults } from './faults'
import { TrafficSimulator } from './simulator'
import { isLoopbackHost } from '../shared/loopback'
import { registerLoopbackHostCheck } from './loopback-host'
import { openReferenceStore } from './store'
import { DEMO_PASSWORD, SUPERVISOR_EMAIL } from './workspace-data'

export interface ReferenceServerOptions {
  /** 0 picks a free port. */
  port?: number
  host?: string
  /** Conversations to seed when the database is new. */
  seed?: number
  /** Simulator: new chats per minute. */
  rate?: number
  sim?: boolean
  /** SQLite file; a fresh temporary one by default. An existing file keeps its data, seq and datasetId. */
  dbFile?: string
  /** Demo mode enables POST /demo/conversations. */
  demo?: boolean
  heartbeatMs?: number
  /** How many change-feed entries are kept; older cursors get cursor_expired. */
  changeRetention?: number
  /** Injected faults for sync tests (see faults.ts); changeable at runtime with POST /demo/faults in demo mode. */
  faults?: FaultSettingsPatch
  /**
   * How far the server's clock runs ahead of the machine's (behind when negative), so a client can
   * be tried against a server whose clock is not its own: its timestamps and its Date header move.
   */
  clockSkewMs?: number
}

export interface ReferenceServer {
  url: string
  port: number
  credentials: { email: string; password: string }
  close(): Promise<void>
}

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const tempDir = options.dbFile === undefined ? mkdtempSync(join(tmpdir(), 'observe-server-')) : undefined
  const file = options.dbFile ?? join(tempDir!, 'reference.db')
  const skew = options.clockSkewMs ?? 0
  const now = (): number => Date.now() + skew
  const store = openReferenceStore({ file, seed: options.seed ?? 3000, changeRetention: options.changeRetention ?? 100_000, now: now() })
  const actions = new ConversationActions(store)
  const context: ServerContext = {
    store,
    actions,
    demo: options.demo ?? true,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    now,
    faults: new Faults(options.faults),
    streams: new Set(),
  }
  const app = buildApp(context)
  const simulator = new TrafficSimulator(store, actions, options.rate ?? 6, now)
  const host = options.host ?? '127.0.0.1'
  if (isLoopbackHost(host)) registerLoopbackHostCheck(app)
  try {
    await app.listen({ port: options.port ?? 0, host })
  } catch (error) {
    store.close()
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true })
    throw error
  }
  if (options.sim ?? true) simulator.start()
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0)

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      simulator.stop()
      context.faults.close()
      for (const end of [...context.streams]) end()
      await app.close()
      store.close()
      if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true })
    })()
    return closing
  }

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    credentials: { email: SUPERVISOR_EMAIL, password: DEMO_PASSWORD },
    close,
  }
}
