/**
 * Indonesian builds words by putting prefixes before a root: "kirim" is sent as "dikirim",
 * "mengirim", "terkirim" and "pengiriman". The search finds a word by its beginning, so a
 * supervisor typing the root a customer used in another form found nothing. A word is also found
 * by the forms it has without its prefixes ("pengiriman" as "kiriman"). Suffixes need no stripping
 * for that: "kiriman" already begins with "kirim", and "membayarnya", once "bayarnya", with "bayar".
 *
 * Rule-based, without a dictionary, so it guesses: where a nasal prefix hides the root's first
 * letter ("menulis" from "tulis" or from "nulis"), both spellings are kept. Recall matters more
 * than precision here, but a short remainder would make a few letters match half the words, so a
 * form is kept only when at least MIN_ROOT letters remain and they begin as an Indonesian word may.
 */

const MIN_ROOT = 4
/** A prefix and the shortest root behind it, for the cheap test of whether a word can hold one. */
const MIN_AFFIXED = 2 + MIN_ROOT
/** Two layers cover "di·per·baiki", "mem·per·baiki", "ke·ber·hasilan". */
const MAX_LAYERS = 2

const VOWEL = /^[aeiou]/
/** Consonant pairs that begin Indonesian words (many from loans): "proses", "kritik", "sponsor", "nyanyi", "khusus". */
const ONSETS = new Set(['kr', 'tr', 'pr', 'br', 'gr', 'dr', 'fr', 'kl', 'pl', 'bl', 'fl', 'gl', 'sl', 'sk', 'sp', 'st', 'sw', 'sm', 'sn', 'ny', 'ng', 'kh', 'sy'])

/** Whether a remainder can be a root: long enough, and beginning with a vowel, a consonant and vowel, or a known pair ("vice" from "service" cannot). */
function rootLike(form: string): boolean {
  if (form.length < MIN_ROOT) return false
  return VOWEL.test(form) || VOWEL.test(form.slice(1)) || ONSETS.has(form.slice(0, 2))
}

/**
 * What a word may be without its first prefix. meN- and peN- take the root's first sound into the
 * nasal: k and vowels after "meng", p after "mem", t after "men", s after "meny"; the root's letter
 * comes back ("mengirim" → kirim, "memakai" → pakai, "menulis" → tulis, "menyapu" → sapu), and
 * where a root may begin with the nasal's own letter or a vowel ("memakan" → makan, "mengambil" →
 * ambil), that spelling is kept beside it.
 */
function withoutPrefix(word: string): string[] {
  const out: string[] = []
  const first = word[0]
  if (first === 'd' && word.startsWith('di')) out.push(word.slice(2))
  else if (first === 'k' && word.startsWith('ke')) out.push(word.slice(2))
  else if (first === 's' && word.startsWith('se')) out.push(word.slice(2))
  else if (first === 't' || first === 'b' || first === 'p') {
    // ter-, ber-, per-; before a root that begins with r, the prefix loses its own r ("terasa", "berenang").
    const head = word.slice(0, 2)
    if ((head === 'te' || head === 'be' || head === 'pe') && word[2] === 'r') out.push(word.slice(3), word.slice(2))
    if (head === 'be' && word.startsWith('ker', 2)) out.push(word.slice(2))
  }
  if (first === 'm' || first === 'p') {
    const head = word.slice(0, 2)
    if (head === 'me' || head === 'pe') out.push(...nasalRoots(word.slice(2)))
  }
  return out
}

/** The roots behind the rest of a meN- or peN- word ("ngirim", "mbayar", "nulis", "nyapu", "lihat"). */
function nasalRoots(rest: string): string[] {
  if (rest.startsWith('ng')) {
    const root = rest.slice(2)
    if (VOWEL.test(root)) return [`k${root}`, root]
    return /^[ghk]/.test(root) ? [root] : []
  }
  if (rest.startsWith('ny')) {
    const root = rest.slice(2)
    return VOWEL.test(root) ? [`s${root}`] : []
  }
  if (rest.startsWith('m')) {
    const root = rest.slice(1)
    if (VOWEL.test(root)) return [`p${root}`, rest]
    return /^[bfpv]/.test(root) ? [root] : []
  }
  if (rest.startsWith('n')) {
    const root = rest.slice(1)
    if (VOWEL.test(root)) return [`t${root}`, rest]
    return /^[cdjz]/.test(root) ? [root] : []
  }
  return /^[lrwy]/.test(rest) ? [rest] : []
}

function strip(word: string): string[] {
  const found = new Set<string>()
  let layer = [word]
  for (let depth = 0; depth < MAX_LAYERS && layer.length > 0; depth++) {
    const next: string[] = []
    for (const form of layer) {
      for (const root of withoutPrefix(form)) {
        if (!rootLike(root) || found.has(root)) continue
        found.add(root)
        next.push(root)
      }
    }
    layer = next
  }
  return [...found]
}

/**
 * Remembered per word: a bootstrap writes the same few thousand words millions of times. Cleared
 * when full rather than aged, since the common words come straight back.
 */
const known = new Map<string, readonly string[]>()
const KNOWN_MAX = 50_000
const NONE: readonly string[] = []

/** The forms of a folded word without its Indonesian prefixes ("pengiriman" → "kiriman"…), none for a word that has none. */
export function unprefixedForms(word: string): readonly string[] {
  if (word.length < MIN_AFFIXED || !/^[a-z]+$/.test(word)) return NONE
  let forms = known.get(word)
  if (forms === undefined) {
    const stripped = strip(word)
    forms = stripped.length === 0 ? NONE : stripped
    if (known.size >= KNOWN_MAX) known.clear()
    known.set(word, forms)
  }
  return forms
}
