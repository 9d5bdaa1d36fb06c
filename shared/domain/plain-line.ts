/**
 * Customer text as one plain line, for the app's own sentences and surfaces outside the page
 * (desktop and browser notifications, the tray): a name that carries a right-to-left override
 * would otherwise turn the app's words after it around, and a line break would start a line the
 * app did not write. Control characters become spaces; the bidi embeddings, overrides and isolates
 * (U+202A–202E, U+2066–2069) go. Right-to-left letters themselves stay: a name in Arabic reads as
 * its writer meant.
 */
export function plainLine(text: string): string {
  return text.replace(/[\u202a-\u202e\u2066-\u2069]/gu, '').replace(/\p{Cc}/gu, ' ')
}
