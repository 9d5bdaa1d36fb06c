import { unprefixedForms } from './affixes'

/**
 * What a word of a search is, for the cache that finds by it and the page that marks what it found.
 * Both must agree, or a row would be marked where it did not match, or not where it did.
 */

/**
 * Latin letters whose stroke, bar or ligature Unicode does not decompose, so NFKD leaves them
 * whole: a supervisor typing "Dang" or "Lukasz" on an Indonesian keyboard would not find "Đặng"
 * or "Łukasz". Spelled as people write them without the letter (ß as "ss", æ as "ae").
 */
const PLAIN_LETTERS: Readonly<Record<string, string>> = {
  đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ł: 'l', ø: 'o', ŧ: 't', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th',
}
const UNDECOMPOSED = new RegExp(`[${Object.keys(PLAIN_LETTERS).join('')}]`, 'gu')

/**
 * A text as the search compares it: compatibility forms as plain letters, diacritics and invisible
 * format characters (zero-width spaces and joiners, direction marks) away, lower case. A name
 * pasted with a zero-width space inside ("Budi\u200bSantoso") reads "BudiSantoso" and is found so.
 */
export const foldForSearch = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED, (letter) => PLAIN_LETTERS[letter]!)

/** The words of a text as the tokenizer sees them: runs of letters and digits, folded. */
export const searchWords = (text: string): string[] => foldForSearch(text).match(/[\p{L}\p{N}]+/gu) ?? []

/** The words of a search: its words, each once, at most 12. */
export function searchTerms(search: string): string[] {
  return [...new Set(searchWords(search))].slice(0, 12)
}

/**
 * "+62 811-1500-246" is also found as 628111500246 and as the local 08111500246. A number a backend
 * keeps in the local form ("0811-1500-246") is found the other way too, as 628111500246, and, for
 * "+62 811 1500" typed word by word, as 8111500246: the national number after the trunk 0.
 * Indonesian numbers are the ones whose forms are known here; another country's local number gains
 * a spelling nobody types, which finds nothing else.
 */
export function phoneVariants(handle: string): string {
  const digits = phoneDigits(handle)
  if (digits.length < MIN_PHONE_DIGITS) return ''
  if (digits.startsWith('62')) return `${digits} 0${digits.slice(2)}`
  if (isLocalPhone(handle)) return `${digits} 62${digits.slice(1)} ${digits.slice(1)}`
  return digits
}

const MIN_PHONE_DIGITS = 6
const phoneDigits = (handle: string): string => handle.replace(/\D/g, '')

/** A number dialled with the trunk 0 and no country code (00 starts an international call). */
export function isLocalPhone(handle: string): boolean {
  const digits = phoneDigits(handle)
  return digits.length >= MIN_PHONE_DIGITS && digits.startsWith('0') && !digits.startsWith('00')
}

/** What people search a customer by: the text of the index's `who` column. */
export function whoText(name: string, handle: string, ticketNo: number): string {
  return `${name} ${handle} ${phoneVariants(handle)} ${ticketNo}`
}

/**
 * Whether a folded word is found by a word of a search: it begins with it, or one of its forms
 * without an Indonesian prefix does ("dikirim" by "kirim"). The cache indexes those forms beside
 * the message text (searchBody), and the page marks by the same rule.
 */
export function wordFoundBy(word: string, term: string): boolean {
  return word.startsWith(term) || unprefixedForms(word).some((form) => form.startsWith(term))
}

/**
 * A message text as the index holds it: folded, then the forms of its words without their
 * Indonesian prefixes, each once, so "kirim" finds "dikirim" and "pengiriman". Only message text
 * gains them: names are not built from roots, and "Dimas" is nobody's "mas".
 */
export function searchBody(text: string): string {
  const folded = foldForSearch(text)
  const forms = new Set<string>()
  for (const word of folded.match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (const form of unprefixedForms(word)) forms.add(form)
  }
  return forms.size === 0 ? folded : `${folded} ${[...forms].join(' ')}`
}
