import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { CALL_TIMEOUT_MS } from '@renderer/api/ws-bridge'
import { callFate, errorCode } from '@renderer/stores/errors'
import type { useOwnCall } from './own-call'

/**
 * What a dialog says of its own press: what it waits for while Observe is silent, so the dialog
 * does not look dead, and, once it failed, whether anything was done and that it may be tried again.
 */
export function useOwnCallNotes(
  own: ReturnType<typeof useOwnCall>,
  mode: () => 'assign' | 'transfer',
): { waitNote: ComputedRef<string | null>; failureNote: ComputedRef<string | null> } {
  const { t } = useI18n()
  const seconds = CALL_TIMEOUT_MS / 1000
  const waitNote = computed(() => (own.waiting.value ? t(`assign.dialog.waiting.${own.waiting.value}`, { seconds }) : null))
  const failureNote = computed(() => {
    const failure = own.failure.value
    if (!failure) return null
    const fate = callFate(failure)
    if (fate === 'not_sent') return t(`assign.dialog.notSent.${mode()}`, { seconds })
    if (fate === 'answer_lost') return t('assign.dialog.answerLost')
    return t('assign.dialog.failed', { code: errorCode(failure) })
  })
  return { waitNote, failureNote }
}
