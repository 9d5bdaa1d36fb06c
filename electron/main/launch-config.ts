/**
 * Which backend the app talks to, from command-line flags or the environment. Plain Node, so the
 * Electron shell and browser mode read it the same way and tests can check it without Electron.
 */
import { parseArgs } from 'node:util'
import { inTheClear } from '../../shared/ipc/settings'

export interface ServerChoice {
  url: string
  email: string
  password: string
}

export type LaunchConfig =
  /** No server named: start the reference server in-process and sign in to it. */
  | { kind: 'embedded' }
  | { kind: 'remote'; server: ServerChoice }
  /** A server named without a password: the sign-in screen asks (or a stored session resumes). */
  | { kind: 'sign-in'; url: string; email: string | null }

export class LaunchConfigError extends Error {
  override name = 'LaunchConfigError'
}

export function readLaunchConfig(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      server: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
    },
    // Electron and Chromium add switches of their own; they are not ours to reject.
    strict: false,
    allowPositionals: true,
  })
  const pick = (flag: unknown, envName: string): string | undefined =>
    typeof flag === 'string' && flag !== '' ? flag : env[envName] || undefined

  const url = pick(values.server, 'OBSERVE_SERVER')
  if (!url) return { kind: 'embedded' }

  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new LaunchConfigError(`--server must be an http(s) URL, got "${url}"`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LaunchConfigError(`--server must be an http(s) URL, got "${url}"`)
  }
  if (inTheClear(url)) {
    throw new LaunchConfigError(`--server ${url} is http:// on another computer: the password would cross the network unencrypted. Use https://`)
  }
  const email = pick(values.email, 'OBSERVE_EMAIL')
  const password = pick(values.password, 'OBSERVE_PASSWORD')
  const normalized = parsed.origin + parsed.pathname.replace(/\/$/, '')
  if (!password) return { kind: 'sign-in', url: normalized, email: email ?? null }
  if (!email) throw new LaunchConfigError('--password needs --email (or OBSERVE_EMAIL)')
  return { kind: 'remote', server: { url: normalized, email, password } }
}
