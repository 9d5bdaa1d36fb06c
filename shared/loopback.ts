/**
 * Whether a host name (as a URL gives it, or as a server binds) names this computer: the one
 * place a server may go without TLS, a dev page may come from, and the demo server listens.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
}
