/**
 * The installer configuration, checked without building installers (that needs each platform's
 * own tools): every desktop target is named, every icon it names exists, the native SQLite module
 * is unpacked from the asar, and the release fuses are set.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ID } from '../../electron/main/app-id'

const root = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string
  scripts: Record<string, string>
  dependencies: Record<string, string>
  build: {
    appId: string
    files: string[]
    asarUnpack: string[]
    npmRebuild: boolean
    extraResources: { from: string; to: string }[]
    electronFuses: Record<string, boolean>
    win: { target: string[]; icon: string }
    mac: { target: string[]; icon: string }
    linux: { target: string[]; icon: string }
  }
}
const build = pkg.build

describe('installers', () => {
  it('give Windows the ID the main process claims, so the queue notifications show as Observe’s', () => {
    expect(build.appId).toBe(APP_ID)
    // The Electron glue cannot run here; this is the one line that claims it.
    expect(readFileSync(join(root, 'electron', 'main', 'index.ts'), 'utf8')).toMatch(/process\.platform === 'win32'\) app\.setAppUserModelId\(APP_ID\)/)
  })

  it('name NSIS for Windows, dmg for macOS, AppImage and deb for Linux', () => {
    expect(build.win.target).toContain('nsis')
    expect(build.mac.target).toContain('dmg')
    expect(build.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']))
  })

  it('use icons that exist and are large enough for every platform', () => {
    for (const icon of [build.win.icon, build.mac.icon, build.linux.icon]) {
      const file = join(root, icon)
      expect(existsSync(file), icon).toBe(true)
      const png = readFileSync(file)
      // PNG header: width and height are big-endian at bytes 16 and 20; macOS wants 512 px or more.
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512)
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512)
    }
  })

  it('ship the tray icons the main process loads from resources', () => {
    const shipped = build.extraResources.map((r) => r.to)
    expect(shipped).toEqual(expect.arrayContaining(['tray.png', 'tray@2x.png', 'overlay.png']))
    for (const r of build.extraResources) expect(existsSync(join(root, r.from)), r.from).toBe(true)
  })

  it('unpack better-sqlite3 from the asar and never rebuild it (its Node-API prebuilds serve Electron as is)', () => {
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^\^?13\./)
    expect(build.asarUnpack.some((p) => p.includes('node_modules/better-sqlite3'))).toBe(true)
    expect(build.npmRebuild).toBe(false)
  })

  it('package the built app, whose entry is the built main process', () => {
    expect(build.files).toContain('out/**')
    expect(pkg.main).toBe('./out/main/index.js')
  })

  it('set the release fuses, with a separate test build that Playwright can drive', () => {
    expect(build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    })
    expect(pkg.scripts['dist:test']).toContain('enableNodeCliInspectArguments=true')
  })
})
