/**
 * What a waiting action says about its next try. Offline, the network error behind it ("connect
 * ECONNREFUSED 127.0.0.1:…") tells a supervisor nothing the connection indicator does not say
 * better, and in one language only; online, a server's refusal to answer is worth showing.
 */
import { useI18n } from 'vue-i18n'
import { isActiveAction, type OutboxAction } from '@shared/ipc/outbox'
import { useConnectionStore } from '@renderer/stores/connection'

export function useRetryNote(): (action: OutboxAction) => string | null {
  const { t } = useI18n()
  const connection = useConnectionStore()
  return (action) => {
    if (!isActiveAction(action)) return null
    if (connection.state?.status === 'offline') return t('outbox.whenOnline')
    return action.lastError ? t('outbox.retrying', { error: action.lastError }) : null
  }
}
