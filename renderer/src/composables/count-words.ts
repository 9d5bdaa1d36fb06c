import { useI18n } from 'vue-i18n'
import type { Tab, TabCounts } from '@shared/ipc/contract'

/**
 * A tab's count as the eye reads it ("3,001", "1,000+") and as words for a screen reader ("3001
 * conversations", "at least 1000 conversations"). A lower bound (a search matching very many) is
 * shown and said as such.
 */
export function useCountWords(): { figure: (counts: TabCounts, tab: Tab) => string; hint: (counts: TabCounts, tab: Tab) => string } {
  const { t, n } = useI18n()
  const atLeast = (counts: TabCounts, tab: Tab): boolean => counts.atLeast?.includes(tab) === true
  return {
    figure: (counts, tab) => (atLeast(counts, tab) ? `${n(counts[tab])}+` : n(counts[tab])),
    hint: (counts, tab) => (atLeast(counts, tab) ? t('tabs.countHintAtLeast', { count: n(counts[tab]) }) : t('tabs.countHint', { count: n(counts[tab]) }, counts[tab])),
  }
}
