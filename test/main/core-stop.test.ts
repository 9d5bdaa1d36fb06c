import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

it('stop() settles even when the core is all the process has left to do (its threads keep it alive until they end)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-stop-'))
  dirs.push(dir)
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'fixtures/stop-child.ts'), dir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)))
  // Node ends a process whose top-level await never settles with code 13 and a warning.
  expect(out).toContain('stopped')
  expect(code).toBe(0)
}, 60_000)
