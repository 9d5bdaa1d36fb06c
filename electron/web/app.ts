/**
 * Browser mode: the same core the Electron main process runs, served to a browser on loopback.
 * The page and its WebSocket bridge share one origin; the per-run token travels in the URL
 * fragment, so it is never part of an HTTP request.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Log } from '../main/core'
import type { LaunchConfig } from '../main/launch-config'
import { opened } from '../main/opened'
import { openRuntime, type Runtime } from '../main/runtime'
import { createBridge } from './bridge'
import { createStaticHandler, defaultRendererDir, SECURITY_HEADERS } from './static'

export interface WebAppOptions {
  /**
   * The backend to sign in to; without it a reference server is started in-process, persisted under
   * dataDir. Without a password the page shows the sign-in screen for it.
   */
  server?: { url: string; email?: string; password?: string }
  dataDir: string
  /** 0 or absent: any free port. */
  port?: number
  /**
   * Try this port first and take any free one if it is busy. `npm run web` uses a fixed default so
   * the page keeps its origin, and with it the filters and tab stored in localStorage, across runs.
   */
  preferredPort?: number
  /** The built renderer; defaults to out/renderer. */
  rendererDir?: string
  retentionDays?: number
  /** Settings for the embedded reference server when no server is given. */
  reference?: { seed?: number; rate?: number; sim?: boolean }
  /** How often to look for chats waiting too long (tests). */
  overdueEveryMs?: number
  log?: Log
}

export interface WebApp {
  /** The page to open, with the token in its fragment. */
  url: string
  /** http://127.0.0.1:PORT */
  origin: string
  /** Sessions, settings and the current core. */
  runtime: Runtime
  /** The backend in use (the embedded reference server's address when one was started); '' while signed out. */
  readonly backendUrl: string
  close(): Promise<void>
}

/** A web app already serving its page, its first session still opening behind it (see openRuntime). */
export interface OpeningWebApp {
  app: WebApp
  /** Settles once the first session is open, or failed to open. */
  ready: Promise<void>
}

/** The web app with its first session open: what the tests start with. */
export async function startWebApp(options: WebAppOptions): Promise<WebApp> {
  const { app, ready } = await openWebApp(options)
  return opened(app, ready, () => app.close())
}

/**
 * Serves the page as soon as it listens, like the desktop window that opens at once: a cache left
 * by an older version may take half a minute to migrate, and meanwhile the page says so.
 */
export async function openWebApp(options: WebAppOptions): Promise<OpeningWebApp> {
  const { server } = options
  const config: LaunchConfig = !server
    ? { kind: 'embedded' }
    : server.password && server.email
      ? { kind: 'remote', server: { url: server.url, email: server.email, password: server.password } }
      : { kind: 'sign-in', url: server.url, email: server.email ?? null }
  const { runtime, ready } = openRuntime({
    config,
    shell: 'browser',
    dataDir: options.dataDir,
    ...(options.log ? { log: options.log } : {}),
    ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
    ...(options.overdueEveryMs ? { overdueEveryMs: options.overdueEveryMs } : {}),
    reference: { sim: true, ...options.reference },
  })
  // Whoever opened the app hears of a failed start from `ready`; until they listen, it is not unhandled.
  ready.catch(() => {})

  const token = randomBytes(32).toString('hex')
  let origin = ''
  // Through the runtime, so calls and events follow whichever core the current session has.
  const bridge = createBridge({ core: runtime, token, origin: () => origin })
  const serveStatic = createStaticHandler(options.rendererDir ?? defaultRendererDir())

  // Only our own host names: a page on another site that rebinds its DNS to 127.0.0.1 gets nothing.
  const allowedHost = (req: IncomingMessage): boolean => {
    const port = new URL(origin).port
    return req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`
  }

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHost(req)) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      return void res.end('Misdirected Request')
    }
    void serveStatic(req, res)
  })
  http.on('upgrade', (req, socket, head) => {
    if (!allowedHost(req)) return void socket.destroy()
    bridge.upgrade(req, socket, head)
  })

  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      http.once('error', reject)
      http.listen(port, '127.0.0.1', () => {
        http.off('error', reject)
        resolve()
      })
    })
  try {
    try {
      await listen(options.port || options.preferredPort || 0)
    } catch (error) {
      if (options.port || !options.preferredPort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
      await listen(0)
    }
  } catch (error) {
    bridge.close()
    await runtime.stop()
    throw error
  }
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`

  let closed = false
  const app: WebApp = {
    url: `${origin}/#token=${token}`,
    origin,
    runtime,
    get backendUrl() {
      return runtime.session().status === 'signed_in' ? runtime.server.url : ''
    },
    async close() {
      if (closed) return
      closed = true
      bridge.close()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
      await runtime.stop()
    },
  }
  return { app, ready }
}
