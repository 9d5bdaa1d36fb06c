/**
 * The installer configuration, checked without building installers (that needs each platform's
 * own tools): every desktop target is named, every icon it names exists, the native SQLite module
 * is unpacked from the asar, the release fuses are set, and the app carries only what its main
 * process loads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ID } from '../../electron/main/app-id'

const root = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string
  scripts: Record<string, string>
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
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

  it('carry in the installer the packages the main process loads at run time, and not the ones bundled into the page', () => {
    // electron-builder copies `dependencies` into the app; the page's packages are already inside
    // its bundle, so listing them there would only make every installer larger.
    const main = packagesImported(['electron/main', 'shared'])
    const page = packagesImported(['renderer/src'])
    for (const name of main) expect(pkg.dependencies, `${name} is loaded by the main process`).toHaveProperty([name])
    for (const name of page) {
      if (main.has(name)) continue
      expect(pkg.dependencies, `${name} is bundled into the page`).not.toHaveProperty([name])
      expect(pkg.devDependencies, `${name} is bundled into the page`).toHaveProperty([name])
    }
    expect(page.has('vue')).toBe(true)
    expect(main.has('better-sqlite3')).toBe(true)
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

/** The npm packages the sources under `dirs` import for their values (type-only imports leave no trace in a bundle). */
function packagesImported(dirs: string[]): Set<string> {
  const found = new Set<string>()
  const builtins = new Set(builtinModules)
  for (const dir of dirs) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|vue)$/.test(entry.name)) continue
      const text = readFileSync(join(entry.parentPath, entry.name), 'utf8')
      for (const [, specifier] of text.matchAll(/^import (?!type )[^'"]*?['"]([^'".][^'"]*)['"]/gm)) {
        const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!
        if (name.startsWith('node:') || builtins.has(name) || name === 'electron' || name.startsWith('@shared') || name.startsWith('@renderer')) continue
        found.add(name)
      }
    }
  }
  return found
}
