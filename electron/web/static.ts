/**
 * Serves the built renderer from one directory: GET and HEAD only, known content types, nothing
 * outside the directory, no listings, and the same CSP the Electron window gets.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../main/csp'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/** Maps a request path to a file under root, or null when it would leave root or is malformed. */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const base = resolve(root)
  const full = resolve(base, relative)
  if (full !== base && !full.startsWith(base + sep)) return null
  return full
}

function send(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra })
  res.end(text)
}

export function createStaticHandler(root: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' })
    const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname
    const file = resolveStaticPath(root, pathname)
    if (!file) return send(res, 400, 'Bad Request')
    const type = CONTENT_TYPES[extname(file).toLowerCase()]
    let size: number
    try {
      const info = await stat(file)
      if (!info.isFile() || !type) return send(res, 404, 'Not Found')
      size = info.size
    } catch {
      return send(res, 404, 'Not Found')
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': String(size),
      // Hashed asset names never change content; the page itself is always re-read.
      'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-store',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file).on('error', () => res.destroy()).pipe(res)
  }
}

export const defaultRendererDir = (): string => join(resolve(import.meta.dirname, '../..'), 'out', 'renderer')
