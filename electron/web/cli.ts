/**
 * `npm run web`: Observe in a browser. Parses the command line (or OBSERVE_* variables), starts the
 * app and prints the one URL to open as soon as it listens.
 *
 *   --server URL --email E --password P   sign in to this backend (default: an embedded reference server);
 *                                         without --password the page asks
 *   --port N                              listen on this loopback port (default: 47190, or any free one if busy; 0: any free one)
 *   --data DIR                            cache directory (default: ./.observe-data/web)
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { readLaunchConfig, type LaunchConfig } from '../main/launch-config'
import { openWebApp } from './app'

/** A fixed default keeps the page's origin, so its stored filters and tab survive a restart. */
const DEFAULT_PORT = 47190

function fail(message: string): never {
  console.error(`observe web: ${message}`)
  process.exit(2)
}

const options = {
  server: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  port: { type: 'string' },
  data: { type: 'string' },
} as const
let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options; strict: true }>>['values']
try {
  // A mistyped flag is one line, not a stack trace.
  values = parseArgs({ args: process.argv.slice(2), options, strict: true }).values
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}

let config: LaunchConfig
try {
  config = readLaunchConfig(process.argv.slice(2), process.env)
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}

const port = values.port === undefined ? 0 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a number from 0 to 65535')

const { app, ready } = await openWebApp({
  server: config.kind === 'remote' ? config.server : config.kind === 'sign-in' ? { url: config.url, ...(config.email ? { email: config.email } : {}) } : undefined,
  dataDir: resolve(values.data ?? '.observe-data/web'),
  port,
  // Asked for 0, any free port; not asked, the usual one when free (stored filters keep their origin).
  ...(values.port === undefined ? { preferredPort: DEFAULT_PORT } : {}),
  log: (level, message) => {
    if (level === 'warn' || level === 'error') console.error(`[${level}] ${message}`)
  },
})

// At once: the page shows that the conversations are opening while an older cache migrates.
console.log(`Observe is running at ${app.url}`)
ready.catch((error: unknown) => {
  console.error(`observe web: could not start: ${error instanceof Error ? error.message : String(error)}`)
  void app.close().then(() => process.exit(1))
})

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void app.close().then(() => process.exit(0))
  })
}
