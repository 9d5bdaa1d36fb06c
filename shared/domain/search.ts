/**
 * What a word of a search is, for the cache that finds by it and the page that marks what it found.
 * Both must agree, or a row would be marked where it did not match, or not where it did.
 */

/** A text as the search compares it: diacritics folded away, lower case (as SQLite's unicode61 tokenizer folds). */
export const foldForSearch = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

/** The words of a search as the tokenizer sees them: runs of letters and digits, folded, each once, at most 12. */
export function searchTerms(search: string): string[] {
  return [...new Set(foldForSearch(search).match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 12)
}
