/**
 * A core (or another fixture) in a process of its own, for the tests that SIGKILL it: only a real
 * process dies between any two statements, with its writes half done.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import type { Cleanup } from './reference'

/** The core as `electron/main` runs it, taking its data folder, server and sign-in from its arguments. */
export const CORE_CHILD = resolve(__dirname, '../fixtures/core-child.ts')

/** Starts `script` under tsx; killed at the test's clean-up if it still runs. */
export function spawnChild(cleanup: Cleanup, script: string, args: string[]): ChildProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  cleanup.add(() => proc.exitCode === null && proc.signalCode === null && proc.kill('SIGKILL'))
  return proc
}

/** Resolves once the process has ended, at once when it already has. */
export function exited(proc: ChildProcess): Promise<void> {
  return new Promise((done) => (proc.exitCode !== null || proc.signalCode !== null ? done() : proc.once('exit', () => done())))
}
