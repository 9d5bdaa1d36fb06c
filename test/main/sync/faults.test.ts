import { afterEach, expect, it } from 'vitest'
import { checksum, peekCache, ServerView } from '../support/checksum'
import { Cleanup, startCore, startServer, tempDir } from '../support/reference'

const cleanup = new Cleanup()
afterEach(() => cleanup.run())

it('against a slow, failing, sloppy server (latency, 10% 503, dropped streams, 10% malformed records) the cache converges to exactly the server', async () => {
  const server = await startServer(cleanup, {
    seed: 1500,
    faults: { latencyMs: 5, errorRate: 0.1, dropStreamAfter: 7, malformedRate: 0.1, seed: 11 },
  })
  const view = new ServerView(server)
  const handle = await startCore(cleanup, server, tempDir(cleanup), { sync: { pageSize: 200, backoff: { baseMs: 20, maxMs: 200 }, streamIdleTimeoutMs: 2000, eventIntervalMs: 50 } })

  // Live traffic while it bootstraps and follows the stream (demo endpoints are exempt from faults).
  for (let i = 0; i < 40; i++) {
    await view.createConversation(`Fault Customer ${i}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }

  let last = ''
  await expect
    .poll(
      async () => {
        const cache = peekCache(handle.dataDir)
        if (cache.cursor === null) return 'bootstrapping'
        const [mine, theirs] = [checksum(cache.versions), checksum(await view.versions(cache.resolvedSince!))]
        last = `${cache.versions.length} rows, cache ${mine} vs server ${theirs}`
        return mine === theirs
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(true)
  expect(last).toContain('1540 rows')
  const warnings = handle.logs.filter((l) => l.level === 'warn').map((l) => l.message)
  // The faults did happen: records were skipped (and fetched again), attempts failed and were retried.
  expect(warnings).toContain('skipped a malformed conversation')
  expect(warnings.some((m) => /malformed conversation change/.test(m))).toBe(true)
})
