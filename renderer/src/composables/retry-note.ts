/**
 * What a waiting action says about its next try. Offline, the network error behind it ("connect
 * ECONNREFUSED 127.0.0.1:…") tells a supervisor nothing the connection indicator does not say
 * better, and in one language only; online, why the server failed is worth showing, in the
 * supervisor's language (see useFailureWords).
 */
import { useI18n } from 'vue-i18n'
import { isActiveAction, type OutboxAction } from '@shared/ipc/outbox'
import { useConnectionStore } from '@renderer/stores/connection'
import { useFailureWords, type FailureWords } from './failure-words'

export type RetryNote = { key: 'outbox.whenOnline' } | { key: 'outbox.retrying'; why: FailureWords }

export interface RetryNotes {
  /** For markup: the sentence's key, and for "Will retry" its why with the lang to mark it with. */
  note(action: OutboxAction): RetryNote | null
  /** For a tooltip: one line in the page's language (see FailureWording.plain). */
  title(action: OutboxAction): string | null
}

export function useRetryNote(): RetryNotes {
  const { t } = useI18n()
  const connection = useConnectionStore()
  const failure = useFailureWords()
  const note = (action: OutboxAction): RetryNote | null => {
    if (!isActiveAction(action)) return null
    if (connection.state?.status === 'offline') return { key: 'outbox.whenOnline' }
    return action.lastError ? { key: 'outbox.retrying', why: failure.words(action.lastErrorReason, action.lastError) } : null
  }
  return {
    note,
    title: (action) => {
      const said = note(action)
      if (!said) return null
      if (said.key === 'outbox.whenOnline') return t(said.key)
      return t(said.key, { error: failure.plain(action.lastErrorReason, action.lastError) })
    },
  }
}
