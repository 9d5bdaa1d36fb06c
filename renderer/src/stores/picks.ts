/**
 * The queued rows the supervisor has picked for a bulk action (the bulk bar: assign, assign to
 * themselves, spread), each with its customer's name, up to a bulk action's most. Queuing them is
 * the outbox's; the chats it queues leave the picks.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { Id } from '@shared/domain'
import { MAX_PICKED } from '@shared/ipc/contract'
import { useWorkspaceStore } from './workspace'

export const usePicksStore = defineStore('picks', () => {
  const workspace = useWorkspaceStore()
  const selection = reactive(new Set<Id>())
  const selectionNames = reactive(new Map<Id, string>())
  /** Assign selected to me waits for Observe with the picks (assignPicks): they hold still until it ends. */
  const assigningPicks = ref(false)
  /** The filters changed while the picks were held: they are let go once the call ends (clearSelectionSoon). */
  let clearAfterCall = false

  /** Holds the picks still while `send` (the outbox's assignPicks) waits for Observe. */
  async function holdWhile<T>(send: () => Promise<T>): Promise<T> {
    assigningPicks.value = true
    try {
      return await send()
    } finally {
      assigningPicks.value = false
      if (clearAfterCall) {
        clearAfterCall = false
        clearSelection()
      }
    }
  }

  /** The chats just queued leave the pick, held or not: they went. */
  function unpick(ids: readonly Id[]): void {
    for (const id of ids) {
      selection.delete(id)
      selectionNames.delete(id)
    }
  }

  /** The row picked or let go last: Shift picks (or lets go) every row from it. */
  let anchor: Id | null = null

  function toggleSelected(id: Id, customerName: string, on: boolean): void {
    if (assigningPicks.value) return
    if (on) {
      selection.add(id)
      selectionNames.set(id, customerName)
    } else {
      selection.delete(id)
      selectionNames.delete(id)
    }
    anchor = id
  }

  /**
   * Shift on a row's checkbox: picks, or lets go, as `on`, the rows from the last one picked or
   * let go to this one, of `rows` (the queued rows shown, in the list's order), up to a bulk
   * action's most. Without that row among them, only this one.
   */
  function toggleRange(rows: readonly { id: Id; customerName: string }[], id: Id, customerName: string, on: boolean): void {
    if (assigningPicks.value) return
    const from = rows.findIndex((row) => row.id === anchor)
    const to = rows.findIndex((row) => row.id === id)
    if (from === -1 || to === -1) return toggleSelected(id, customerName, on)
    const span = from < to ? rows.slice(from, to + 1) : rows.slice(to, from + 1).reverse()
    for (const row of span) {
      if (on && selection.size >= MAX_PICKED && !selection.has(row.id)) break
      toggleSelected(row.id, row.customerName, on)
    }
    anchor = id
  }

  /**
   * Select all queued: picks `rows` (the queued rows loaded, in the list's order) on top of what is
   * picked, up to a bulk action's most (the bar then says it is at the most).
   */
  function pickAll(rows: readonly { id: Id; customerName: string }[]): void {
    if (assigningPicks.value) return
    for (const row of rows) {
      if (selection.has(row.id)) continue
      if (selection.size >= MAX_PICKED) return
      toggleSelected(row.id, row.customerName, true)
    }
  }

  function clearSelection(): void {
    selection.clear()
    selectionNames.clear()
  }

  /**
   * The filters changed: the picks go, as rows out of sight must not be reached by a bulk action.
   * While Assign selected to me waits with them, once it ends: the chats it queued leave the pick
   * then anyway, and taking the rest away now would take the bar and its *Assigning…* mid-call.
   */
  function clearSelectionSoon(): void {
    if (assigningPicks.value) clearAfterCall = true
    else clearSelection()
  }

  // Picked rows name chats by id, which other data gives to other customers.
  workspace.onOtherData(() => clearSelection())

  return { selection, selectionNames, assigningPicks, holdWhile, unpick, toggleSelected, toggleRange, pickAll, clearSelection, clearSelectionSoon }
})
