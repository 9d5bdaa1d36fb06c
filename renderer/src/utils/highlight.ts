/** One piece of a text split around the matches of a search. */
export interface TextPart {
  text: string
  match: boolean
}

/**
 * Splits `text` into plain and matching parts (case-insensitive, every occurrence), so a
 * component can wrap the matches in <mark> while every part stays a text node. Never HTML.
 */
export function splitMatches(text: string, query: string | null | undefined): TextPart[] {
  const needle = (query ?? '').trim().toLocaleLowerCase()
  if (!needle || !text) return text ? [{ text, match: false }] : []
  const haystack = text.toLocaleLowerCase()
  // Lower-casing can change the length of some characters; then positions no longer line up.
  if (haystack.length !== text.length) return [{ text, match: false }]
  const parts: TextPart[] = []
  let from = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false })
    parts.push({ text: text.slice(at, at + needle.length), match: true })
    from = at + needle.length
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false })
  return parts
}
