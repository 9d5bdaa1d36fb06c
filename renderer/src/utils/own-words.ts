import { durationWords } from './format'

/**
 * A notice's words that are the app's own rather than quoted (a channel's name, how long a chat
 * waited): kept as what they stand for and worded when read, so a notice told in one language
 * and read after a switch to the other is all in the language shown, not half in each.
 */
export type OwnWord = { message: string } | { waitedMs: number }
export type OwnWords = Record<string, OwnWord>

export function sayOwnWords(words: OwnWords | undefined, t: (key: string) => string, locale: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(words ?? {}).map(([name, word]) => [name, 'message' in word ? t(word.message) : durationWords(word.waitedMs, locale, 'minute')]),
  )
}
