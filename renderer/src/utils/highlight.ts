import { unprefixedForms } from '@shared/domain/affixes'
import { foldForSearch, searchTerms, searchWords } from '@shared/domain/search'

/** One piece of a text split around the matches of a search. */
export interface TextPart {
  text: string
  match: boolean
}

/** A word as written: letters and digits, with any combining marks and invisible format characters inside it. */
const WORD = /[\p{L}\p{N}\p{M}\p{Cf}]+/gu

/**
 * Splits `text` into plain and matching parts, matching as the search does: the start of each word
 * that begins with a word of the search, case and diacritics aside. "ana" marks "Ana" in "Ana
 * Putri" and "Aná" in "Aná", never the "ana" inside "Kartika Wijayana". In a message, which the
 * cache also finds by its words without their Indonesian prefixes (searchBody), "kirim" marks the
 * whole of "dikirim"; names are indexed without them, so a name is marked only where it begins
 * with the word. Every part stays a text node, for a component to wrap the matches in <mark>. Never HTML.
 */
export function splitMatches(text: string, query: string | null | undefined, inMessage = false): TextPart[] {
  if (!text) return []
  const terms = searchTerms(query ?? '')
  if (terms.length === 0) return [{ text, match: false }]
  const parts: TextPart[] = []
  let from = 0
  for (const word of text.matchAll(WORD)) {
    const length = matchedLength(word[0], terms, inMessage)
    if (length === 0) continue
    if (word.index > from) parts.push({ text: text.slice(from, word.index), match: false })
    parts.push({ text: text.slice(word.index, word.index + length), match: true })
    from = word.index + length
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false })
  return parts
}

/** How much of `word`, from its start and as written, the longest search term it begins with covers; 0 for none. */
function matchedLength(word: string, terms: readonly string[], inMessage: boolean): number {
  // Most words of a long message match nothing: one fold of the whole word says so.
  const whole = foldForSearch(word)
  // Found by a form without its prefix, the word has no stretch of its own that matched: all of it did.
  if (inMessage && unprefixedForms(whole).some((form) => terms.some((term) => form.startsWith(term)))) return word.length
  if (!terms.some((term) => whole.startsWith(term))) return 0
  // Folded a character at a time, so a length in the folded word maps back to one in the word as written.
  const ends: { folded: number; written: number }[] = []
  let folded = ''
  let written = 0
  for (const char of word) {
    folded += foldForSearch(char)
    written += char.length
    ends.push({ folded: folded.length, written })
  }
  let longest = 0
  for (const term of terms) {
    if (!folded.startsWith(term)) continue
    let end = ends.findIndex((e) => e.folded >= term.length)
    // Marks that fold to nothing (a combining accent) stay with the letter they sit on.
    while (end + 1 < ends.length && ends[end + 1]!.folded === ends[end]!.folded) end++
    longest = Math.max(longest, ends[end]!.written)
  }
  return longest
}

/**
 * Whether a search found this row by a word that is only in its messages, which the row does not
 * show: no word of `who` (see whoText: name, handle, phone as dialled, ticket number) nor of its
 * label names begins with it. The row can then say where the match is, instead of looking like a
 * row that does not match.
 */
export function foundInMessagesOnly(query: string | null | undefined, who: string, labelNames: readonly string[]): boolean {
  const terms = searchTerms(query ?? '')
  if (terms.length === 0) return false
  const words = [who, ...labelNames].flatMap(searchWords)
  return terms.some((term) => !words.some((word) => word.startsWith(term)))
}
