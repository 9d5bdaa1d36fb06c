/**
 * Links a customer sends may be opened in the system browser, but only plain web links:
 * never file:, javascript:, custom protocols or credentials-bearing URLs. The renderer makes only
 * these into links, and the main process opens only these.
 */
export function safeExternalUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.username || url.password) return null
  return url.toString()
}
