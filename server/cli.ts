/**
 * npm run server -- [--port 0] [--seed N] [--rate R] [--no-sim] [--db FILE]
 * Prints one JSON line {url, email, password} and serves until SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util'
import { startReferenceServer } from './index'

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} needs a non-negative number, got "${value}"`)
  return parsed
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      rate: { type: 'string' },
      'no-sim': { type: 'boolean', default: false },
      db: { type: 'string' },
    },
    strict: true,
  })
  const server = await startReferenceServer({
    port: numberOption('port', values.port),
    host: values.host,
    seed: numberOption('seed', values.seed),
    rate: numberOption('rate', values.rate),
    sim: !values['no-sim'],
    dbFile: values.db,
  })
  process.stdout.write(`${JSON.stringify({ url: server.url, ...server.credentials })}\n`)

  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
