import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { debuggingSwitchIn, isTestBuild, TEST_BUILD_FIELD } from '../../electron/main/debugging-switches'

const root = join(import.meta.dirname, '..', '..')

describe('remote-debugging switches on an installed app', () => {
  it('are found in every spelling Chromium accepts', () => {
    expect(debuggingSwitchIn(['.', '--remote-debugging-port=9222'], 'linux')).toBe('remote-debugging-port')
    expect(debuggingSwitchIn(['-remote-debugging-port=9222'], 'darwin')).toBe('remote-debugging-port')
    expect(debuggingSwitchIn(['--remote-debugging-pipe'], 'linux')).toBe('remote-debugging-pipe')
    expect(debuggingSwitchIn(['/remote-debugging-port=9222'], 'win32')).toBe('remote-debugging-port')
    expect(debuggingSwitchIn(['--Remote-Debugging-Port=9222'], 'win32')).toBe('remote-debugging-port')
  })

  it('are not confused with other switches, paths or arguments after a bare --', () => {
    expect(debuggingSwitchIn(['.', '--no-sandbox', '--user-data-dir=/tmp/remote-debugging-port'], 'linux')).toBeNull()
    expect(debuggingSwitchIn(['/remote-debugging-port'], 'linux')).toBeNull()
    expect(debuggingSwitchIn(['--remote-debugging-portal'], 'linux')).toBeNull()
    expect(debuggingSwitchIn(['--', '--remote-debugging-port=1'], 'linux')).toBeNull()
  })

  it('are allowed only in the build marked for Playwright, which the release never is', () => {
    expect(isTestBuild(JSON.stringify({ [TEST_BUILD_FIELD]: 'true' }))).toBe(true)
    expect(isTestBuild(JSON.stringify({ [TEST_BUILD_FIELD]: true }))).toBe(true)
    expect(isTestBuild(JSON.stringify({ [TEST_BUILD_FIELD]: 'false' }))).toBe(false)
    expect(isTestBuild('not json')).toBe(false)
    const pkg = readFileSync(join(root, 'package.json'), 'utf8')
    expect(isTestBuild(pkg)).toBe(false)
    const scripts = (JSON.parse(pkg) as { scripts: Record<string, string> }).scripts
    expect(scripts['dist:test']).toContain(`-c.extraMetadata.${TEST_BUILD_FIELD}=true`)
    expect(scripts['dist']).not.toContain(TEST_BUILD_FIELD)
  })

  it('are checked by the Electron shell before anything else starts (the glue cannot run here)', () => {
    const shell = readFileSync(join(root, 'electron', 'main', 'index.ts'), 'utf8')
    const check = shell.indexOf('refuseDebugging()')
    expect(check).toBeGreaterThan(-1)
    expect(check).toBeLessThan(shell.indexOf('app.enableSandbox()'))
  })
})
