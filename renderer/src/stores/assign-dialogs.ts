/**
 * Which of assigning's dialogs is open, and for what: Assign or Transfer for one chat or the
 * picked ones, and Force Distribution for the queue or the picks. Any part of the page opens them;
 * the layer over the page shows them (AssignLayer).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Id } from '@shared/domain'
import type { SpreadTarget } from '@shared/ipc/contract'
import { useWorkspaceStore } from './workspace'

export interface DialogTarget {
  mode: 'assign' | 'transfer'
  conversationIds: Id[]
  /** The customer's name when there is one conversation, for the dialog's description. */
  customerName: string | null
  /** Transfer: the agent who has it now (left out of the choices). */
  currentAgentId: Id | null
}

export const useAssignDialogsStore = defineStore('assignDialogs', () => {
  const workspace = useWorkspaceStore()
  const dialog = ref<DialogTarget | null>(null)
  /** Force Distribution's dialog, open for the queue under the page's filters or for the picked chats. */
  const spreadFor = ref<SpreadTarget | null>(null)

  function openDialog(target: DialogTarget): void {
    dialog.value = target
    void workspace.load()
  }

  function closeDialog(): void {
    dialog.value = null
  }

  function openSpread(target: SpreadTarget): void {
    spreadFor.value = target
    void workspace.load()
  }

  function closeSpread(): void {
    spreadFor.value = null
  }

  // An open dialog names chats by id, which other data gives to other customers.
  workspace.onOtherData(() => {
    closeDialog()
    closeSpread()
  })

  return { dialog, spreadFor, openDialog, closeDialog, openSpread, closeSpread }
})
