/**
 * Customer text as one plain line, for the app's own sentences and surfaces outside the page
 * (desktop and browser notifications, the tray, tooltips): a name that carries a right-to-left
 * override would otherwise turn the app's words after it around, and a line break would start a
 * line the app did not write.
 * - Control characters and the line and paragraph separators (U+2028, U+2029) become spaces.
 * - The bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) go, and so do the
 *   invisible direction marks (U+061C, U+200E, U+200F), which can move the app's own punctuation.
 * - Invisible fillers go (zero-width space, word joiner, byte order mark), but not the zero-width
 *   joiners that hold emoji and Persian words together.
 * - A run of combining marks is cut to four, enough for any script, not for a name that paints
 *   over the lines above it.
 * Right-to-left letters themselves stay: a name in Arabic reads as its writer meant.
 */
export function plainLine(text: string): string {
  return text
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]/gu, '')
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/(\p{M}{4})\p{M}+/gu, '$1')
}
