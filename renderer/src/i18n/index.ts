import { createI18n, useI18n } from 'vue-i18n'
import en, { type MessageSchema } from './en'
import id, { keptInEnglish } from './id'

export const LOCALES = ['en', 'id'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'observe.locale'
const KEPT_IN_ENGLISH: Record<Locale, ReadonlySet<string>> = { en: new Set(), id: new Set(keptInEnglish) }

/** The lang to put on the element showing a message: "en" for a name the language keeps in English. */
export function useKeptLanguage(): (key: string) => 'en' | undefined {
  const { locale } = useI18n()
  return (key) => (KEPT_IN_ENGLISH[locale.value as Locale]?.has(key) ? 'en' : undefined)
}

/**
 * The lang to put on words the server wrote, shown as they came: its English inside a page in
 * another language would be spoken with that language's sounds. None in English, the page's own.
 */
export function useServerWordsLanguage(): () => 'en' | undefined {
  const { locale } = useI18n()
  return () => (locale.value === 'en' ? undefined : 'en')
}

/** The system's language when it is one we have, English otherwise. */
export function systemLocale(): Locale {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('id') ? 'id' : 'en'
}

/**
 * The language for the first paint: the one remembered from the settings last time. The settings
 * (main process) are the source of truth and correct it once they answer.
 */
export function initialLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'id') return saved
  } catch {
    // No storage: fall through to the browser's language.
  }
  return systemLocale()
}

export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n<[MessageSchema], Locale>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, id },
  })
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Not remembered; harmless.
  }
  document.documentElement.lang = locale
}
