/**
 * Chromium's remote-debugging switches hand the whole app, the signed-in session included, to any
 * program on the computer that connects to the port. The release fuses already refuse Node's
 * --inspect; these switches belong to Chromium and no fuse covers them, so an installed app refuses
 * to start with them. The test build (`npm run dist:test`) is marked to allow them, because
 * Playwright drives Electron through them. Plain Node, so the rule is tested without Electron.
 */

export const DEBUGGING_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe'] as const

/** The package.json field `npm run dist:test` sets in the test build's copy; no release has it. */
export const TEST_BUILD_FIELD = 'observeTestBuild'

/**
 * The first debugging switch on a command line, read the way Chromium reads it: "--" or "-" before
 * the name (and "/" on Windows, where names are also case-blind), nothing after a bare "--".
 */
export function debuggingSwitchIn(argv: readonly string[], platform: NodeJS.Platform): string | null {
  const windows = platform === 'win32'
  const prefix = windows ? /^(?:--|-|\/)([^=]+)/ : /^(?:--|-)([^=]+)/
  for (const arg of argv) {
    if (arg === '--') break
    const name = prefix.exec(arg)?.[1]
    if (name === undefined) continue
    const key = windows ? name.toLowerCase() : name
    const found = DEBUGGING_SWITCHES.find((s) => s === key)
    if (found) return found
  }
  return null
}

/** Whether this copy of the app is the Playwright test build, from its own package.json. */
export function isTestBuild(packageJson: string): boolean {
  try {
    const fields: unknown = JSON.parse(packageJson)
    if (typeof fields !== 'object' || fields === null) return false
    const marker = (fields as Record<string, unknown>)[TEST_BUILD_FIELD]
    // electron-builder's -c.extraMetadata.X=true may arrive as the string or the boolean.
    return marker === true || marker === 'true'
  } catch {
    return false
  }
}
