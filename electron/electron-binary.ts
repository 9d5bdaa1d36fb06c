/**
 * Finds Electron's binary without letting the electron package download it as a side effect
 * (it fetches from outside the npm registry on first use, which some networks forbid).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string }

function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
}

export function findElectronBinary(): ElectronBinary {
  const dir = electronPackageDir()
  if (!dir) return { ok: false, reason: 'the electron package is not installed' }
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return { ok: false, reason: "Electron's binary has not been downloaded" }
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? { ok: true, path: binary } : { ok: false, reason: `${binary} is missing` }
}

/** Tries the electron package's own download once, quietly; answers what is there afterwards. */
export function ensureElectronBinary(): ElectronBinary {
  const found = findElectronBinary()
  if (found.ok || process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) return found
  const dir = electronPackageDir()
  if (!dir) return found
  const attempt = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', timeout: 300_000 })
  if (attempt.status === 0) return findElectronBinary()
  const firstLine = `${attempt.stderr ?? ''}${attempt.stdout ?? ''}`.split('\n').find((l) => /error|failed/i.test(l))
  return { ok: false, reason: `Electron's binary could not be downloaded (${firstLine?.trim() || 'no network'})` }
}
