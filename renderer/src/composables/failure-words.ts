/**
 * A failure the core reports, as the page says it: its reason, worded in the page's language. The
 * core's own text is English and technical; it stays in the log for support, and is shown only
 * where the reason says nothing better (`other`, or an action stored before reasons were kept),
 * marked as English so a screen reader in Bahasa Indonesia does not read it with Indonesian sounds.
 */
import { useI18n } from 'vue-i18n'
import type { FailureReason } from '@shared/ipc/failure'
import { useServerWordsLanguage } from '@renderer/i18n'

export interface FailureWords {
  text: string
  /** "en" on the core's own text in a page in another language. */
  lang: 'en' | undefined
}

export interface FailureWording {
  /** For markup, where the text can carry its lang. */
  words(reason: FailureReason | null | undefined, technical: string | null): FailureWords
  /**
   * For a title attribute, which cannot carry a lang of its own: the core's English text only in
   * an English page; in another the worded reason alone, since a tooltip mixing two languages is
   * read in one, and what the text would add is in the log.
   */
  plain(reason: FailureReason | null | undefined, technical: string | null): string
}

export function useFailureWords(): FailureWording {
  const { t } = useI18n()
  const serverLang = useServerWordsLanguage()
  const words: FailureWording['words'] = (reason, technical) =>
    (reason && reason !== 'other') || !technical ? { text: t(`failure.${reason ?? 'other'}`), lang: undefined } : { text: technical, lang: serverLang() }
  return {
    words,
    plain: (reason, technical) => {
      const said = words(reason, technical)
      return said.lang ? t('failure.other') : said.text
    },
  }
}
