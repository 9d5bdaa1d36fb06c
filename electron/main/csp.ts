/**
 * The renderer's Content-Security-Policy: only the app's own scripts and styles, no inline
 * script, no eval, no plugins, no remote content. `connect-src 'self'` covers browser mode's
 * same-origin WebSocket bridge; Electron's renderer talks over IPC and needs no network at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
