/**
 * Opens a full cache with the core (no network: an unreachable backend), runs the query matrix
 * once, and prints its resident memory: the core process as a supervisor's machine would hold it.
 */
import { createCore } from '../../electron/main/core'
import { offlineBackend } from '../main/support/offline-backend'
import { SEARCHES, shapes } from './queries'

const [dataDir, nowArg] = process.argv.slice(2)
const core = createCore({ dataDir: dataDir!, backend: { kind: 'custom', backend: offlineBackend() }, sync: { backoff: { baseMs: 60_000, maxMs: 60_000 } } })
await core.start()
const now = Number(nowArg)
for (const filters of [...Object.values(shapes(now)), ...Object.values(SEARCHES)]) {
  for (const tab of ['all', 'in_queue', 'handled']) await core.handle('conversations:list', { tab, filters, limit: 50 })
  await core.handle('conversations:counts', { filters })
}
global.gc?.()
process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss })}\n`)
await core.stop()
process.exit(0)
