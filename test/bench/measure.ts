/** Small measuring tools for the bench: percentiles, a reference server in its own process, timing. */
import { fileURLToPath } from 'node:url'
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const HERE = fileURLToPath(new URL('.', import.meta.url))

export interface Metric {
  name: string
  value: number
  unit: string
  /** Human-readable target, e.g. "<= 5". */
  target: string
  pass: boolean
}

export const metric = (name: string, value: number, unit: string, op: '<=' | '>=', bound: number): Metric => ({
  name,
  value: Math.round(value * 1000) / 1000,
  unit,
  target: `${op} ${bound}`,
  pass: op === '<=' ? value <= bound : value >= bound,
})

export const info = (name: string, value: number, unit: string): Metric => ({ name, value: Math.round(value * 1000) / 1000, unit, target: '-', pass: true })

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export function timeMs(work: () => unknown): number {
  const start = performance.now()
  work()
  return performance.now() - start
}

export interface ChildServer {
  url: string
  credentials: { email: string; password: string }
  proc: ChildProcess
  close(): Promise<void>
}

/** The reference server in another process, as a remote server would be: its CPU is not the core's. */
export async function startChildServer(seed: number, extra: string[] = []): Promise<ChildServer> {
  const cli = resolve(HERE, '../../server/cli.ts')
  const proc = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--conversations', String(seed), '--no-sim', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = await new Promise<string>((done, fail) => {
    let buffer = ''
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const first = buffer.split('\n').find((l) => l.trim().startsWith('{'))
      if (first && buffer.includes('\n')) done(first)
    })
    proc.once('exit', (code) => fail(new Error(`server exited with ${code}`)))
  })
  const parsed = JSON.parse(line) as { url: string; email?: string; password?: string; credentials?: { email: string; password: string } }
  const credentials = parsed.credentials ?? { email: parsed.email!, password: parsed.password! }
  return {
    url: parsed.url,
    credentials,
    proc,
    close: () =>
      new Promise<void>((done) => {
        if (proc.exitCode !== null) return done()
        proc.once('exit', () => done())
        proc.kill('SIGTERM')
      }),
  }
}

export async function signIn(server: { url: string; credentials: { email: string; password: string } }): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(server.credentials),
  })
  return ((await res.json()) as { token: string }).token
}
