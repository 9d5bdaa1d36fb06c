import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { API_PREFIX, SignInResponse } from '../../shared/api'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('npm run server (server/cli.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints one JSON line with url and credentials, serves with the fault flags and a clock two hours behind, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--conversations', '25', '--no-sim', '--db', join(dir, 'cli.db'), '--error-rate', '1', '--fault-seed', '4', '--clock-skew-ms=-7200000'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve)
        child.once('exit', () => reject(new Error('the server exited before printing its address')))
      })
      const printed = JSON.parse(line) as { url: string; email: string; password: string }
      expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const response = await fetch(`${printed.url}${API_PREFIX}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: printed.email, password: printed.password }),
      })
      const { token, user, expiresAt } = SignInResponse.parse(await response.json())
      expect(user.role).toBe('supervisor')
      // --clock-skew-ms: the server's clock, in its Date header and its timestamps, is two hours behind.
      const ahead = Date.parse(response.headers.get('date') ?? '') - Date.now()
      expect(ahead).toBeGreaterThan(-7_205_000)
      expect(ahead).toBeLessThan(-7_195_000)
      expect(expiresAt - Date.now()).toBeLessThan(12 * 3_600_000 - 7_190_000)
      // --error-rate 1: every API answer but sign-in is an injected 503.
      const stats = await fetch(`${printed.url}${API_PREFIX}/stats`, { headers: { authorization: `Bearer ${token}` } })
      expect(stats.status).toBe(503)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  })
})
