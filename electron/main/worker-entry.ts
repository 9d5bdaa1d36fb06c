import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** How to start a worker thread: its script, and the flags it needs to load it. */
export interface WorkerEntry {
  url: URL
  execArgv?: string[]
}

/**
 * Where a worker thread's code is, seen from the module that starts it (`here`, its
 * import.meta.url). From source (tsx, vitest) it is the .ts file `source`, relative to `here`,
 * loaded through tsx; the electron-vite build emits it as its own entry `built` next to the main
 * bundle, or one folder up when the starting module landed in a chunk. Null when neither exists.
 */
export function workerEntry(here: string, source: string, built: string): WorkerEntry | null {
  if (here.endsWith('.ts')) {
    try {
      const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href
      return { url: new URL(source, here), execArgv: ['--import', tsx] }
    } catch {
      return null
    }
  }
  for (const dir of ['./', '../']) {
    const url = new URL(`${dir}${built}`, here)
    if (existsSync(fileURLToPath(url))) return { url }
  }
  return null
}
