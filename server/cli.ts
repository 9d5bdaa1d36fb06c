/**
 * npm run server -- [--port 0] [--host H] [--conversations N] [--rate R] [--no-sim] [--db FILE]
 *   [--latency-ms MS] [--error-rate 0..1] [--drop-stream-after N] [--malformed-rate 0..1] [--fault-seed N]
 *   [--clock-skew-ms MS]
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

function signedOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed)) throw new Error(`--${name} needs a number, got "${value}"`)
  return parsed
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      conversations: { type: 'string' },
      /** The older name of --conversations: a count, not a random seed. */
      seed: { type: 'string' },
      rate: { type: 'string' },
      'no-sim': { type: 'boolean', default: false },
      db: { type: 'string' },
      'latency-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      'drop-stream-after': { type: 'string' },
      'malformed-rate': { type: 'string' },
      'fault-seed': { type: 'string' },
      'clock-skew-ms': { type: 'string' },
    },
    strict: true,
  })
  const server = await startReferenceServer({
    port: numberOption('port', values.port),
    host: values.host,
    seed: numberOption('conversations', values.conversations ?? values.seed),
    rate: numberOption('rate', values.rate),
    sim: !values['no-sim'],
    dbFile: values.db,
    clockSkewMs: signedOption('clock-skew-ms', values['clock-skew-ms']),
    // Out-of-range values are rejected by FaultSettings when the server starts.
    faults: {
      latencyMs: numberOption('latency-ms', values['latency-ms']),
      errorRate: numberOption('error-rate', values['error-rate']),
      dropStreamAfter: numberOption('drop-stream-after', values['drop-stream-after']),
      malformedRate: numberOption('malformed-rate', values['malformed-rate']),
      seed: numberOption('fault-seed', values['fault-seed']),
    },
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
