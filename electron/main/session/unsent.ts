import { isActiveAction, OutboxAction } from '../../../shared/ipc/outbox'
import type { Core } from '../core'

/**
 * How many of the account's actions still wait to be sent, read from its open cache before a
 * session it did not choose to end closes it: the sign-in screen tells the supervisor they wait
 * for that account. Nothing to read counts as none rather than stopping the session's end.
 */
export async function unsentActions(core: Core): Promise<number> {
  const listed = await core.handle('outbox:list', {})
  if (!listed.ok) return 0
  const actions = OutboxAction.array().safeParse((listed.value as { actions?: unknown }).actions)
  return actions.success ? actions.data.filter(isActiveAction).length : 0
}
