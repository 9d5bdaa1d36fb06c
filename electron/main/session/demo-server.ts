/** The demo reference server, run in this process while the demo session is open. */
import { join } from 'node:path'
import { startReferenceServer, type ReferenceServer } from '../../../server/index'
import { keepToOwner } from '../db/connection'

/** How the demo server seeds and simulates. */
export interface DemoOptions {
  seed?: number
  rate?: number
  sim?: boolean
}

export class DemoServer {
  private running: ReferenceServer | null = null

  constructor(
    private readonly dataDir: string,
    private readonly options: DemoOptions | undefined,
  ) {}

  /** Set while it runs. */
  get current(): ReferenceServer | null {
    return this.running
  }

  async start(): Promise<ReferenceServer> {
    // The demo server keeps its store beside the profiles, so a restart shows the same floor.
    const demoStore = join(this.dataDir, 'reference-server.sqlite')
    // The demo's customers are made up, but it is a cache of conversations like any other.
    keepToOwner(demoStore)
    this.running ??= await startReferenceServer({ port: 0, dbFile: demoStore, demo: true, ...this.options })
    return this.running
  }

  async close(): Promise<void> {
    const demo = this.running
    this.running = null
    await demo?.close()
  }
}
