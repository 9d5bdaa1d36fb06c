import { onScopeDispose, ref, type Ref } from 'vue'
import type { Conversation, Id } from '@shared/domain'
import { call, IpcCallError, subscribe } from '@renderer/api/client'
import type { DialogTarget } from '@renderer/stores/assign-dialogs'

/**
 * Why the one chat a dialog was opened for no longer fits its action: an agent took it from the
 * queue (or has it now instead of the one the transfer was for), it was resolved, it went back to
 * the queue, or it left the cache. The Interaction API would refuse the action; the dialog says so
 * before the supervisor picks an agent.
 */
export type TargetChange = { kind: 'taken'; agentId: Id | null } | { kind: 'resolved' } | { kind: 'requeued' } | { kind: 'gone' }

export function targetChange(target: DialogTarget, conversation: Conversation | null): TargetChange | null {
  if (!conversation) return { kind: 'gone' }
  if (conversation.status === 'resolved') return { kind: 'resolved' }
  if (target.mode === 'assign') return conversation.status === 'in_queue' ? null : { kind: 'taken', agentId: conversation.agentId }
  if (conversation.status === 'in_queue') return { kind: 'requeued' }
  return conversation.agentId === target.currentAgentId ? null : { kind: 'taken', agentId: conversation.agentId }
}

/**
 * Follows a single-chat target in the cache while the dialog is open (a live floor moves under an
 * open dialog). Several chats are not followed: the outbox leaves out those no longer waiting.
 */
export function useTargetChange(target: DialogTarget): Ref<TargetChange | null> {
  const change = ref<TargetChange | null>(null)
  const id = target.conversationIds.length === 1 ? target.conversationIds[0]! : null
  if (id === null) return change
  let latest = 0
  async function read(): Promise<void> {
    const mine = ++latest
    try {
      const { conversation } = await call('conversations:get', { id: id!, newest: 1 })
      if (mine === latest) change.value = targetChange(target, conversation)
    } catch (failure) {
      // Only a chat that left the cache counts; a failed read says nothing about the chat.
      if (mine === latest && failure instanceof IpcCallError && failure.code === 'not_found') change.value = targetChange(target, null)
    }
  }
  const off = subscribe('cache:changed', (changed) => {
    if (changed.reset || changed.conversationIds.includes(id)) void read()
  })
  onScopeDispose(off)
  void read()
  return change
}
