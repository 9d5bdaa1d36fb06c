import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isLoopbackHost } from '../../shared/loopback'

/**
 * The page the window shows, and so the one page IPC answers (trusted-sender.ts): electron-vite's
 * dev server while developing, the built file otherwise. The dev server's address comes from
 * ELECTRON_RENDERER_URL, which anyone who starts the app can set: an installed app ignores it, or a
 * local process could start Observe on a page of its own and reach the cache and the signed-in
 * session through the window's API. Even in development it must be a page on loopback.
 */
export function rendererUrl(packaged: boolean, env: NodeJS.ProcessEnv, mainDir: string): string {
  const dev = env['ELECTRON_RENDERER_URL']
  if (dev && !packaged && isLoopbackPage(dev)) return dev
  return pathToFileURL(join(mainDir, '../renderer/index.html')).toString()
}

function isLoopbackPage(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url)
    return (protocol === 'http:' || protocol === 'https:') && isLoopbackHost(hostname)
  } catch {
    return false
  }
}
