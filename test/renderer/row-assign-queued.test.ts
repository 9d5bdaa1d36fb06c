/**
 * A queued row's Assign while an assignment of that chat waits in the outbox: the row shows Pending
 * but still reads the chat as queued until the list reads it again. Assign then waits and says why,
 * as the detail's buttons do, and keeps its place in the row's Tab stops.
 */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import AgentCell from '../../renderer/src/components/conversations/AgentCell.vue'
import { provideRowTabStop } from '../../renderer/src/components/conversations/row-controls'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConversationsStore } from '../../renderer/src/stores/conversations'
import { useAssignDialogsStore } from '../../renderer/src/stores/assign-dialogs'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { usePicksStore } from '../../renderer/src/stores/picks'
import type { OutboxAction } from '../../shared/ipc/outbox'
import { createFakeObserve, flush, makeConversation, makeOutboxAction } from './support/fake-observe'
import { allByRole, byRole } from './support/roles'

beforeEach(async () => {
  setActivePinia(createPinia())
  window.observe = createFakeObserve({ 'conversations:list': () => ({ rows: [], nextCursor: null }) })
  await useConversationsStore().setTab('in_queue')
})
afterEach(() => {
  delete window.observe
})

/**
 * Queued rows' agent cells as the list has them (the table's window needs a layout happy-dom lacks):
 * each row opens on a click or Enter, and the first holds the list's tab stop.
 */
const opened = vi.fn()
const Row = defineComponent({
  props: { id: { type: Number, required: true }, holdsTabStop: Boolean },
  setup(props) {
    provideRowTabStop(ref(props.holdsTabStop))
    const conversation = makeConversation(props.id, { status: 'in_queue' })
    return () =>
      h('div', { role: 'row', onClick: () => opened(props.id), onKeydown: (e: KeyboardEvent) => e.key === 'Enter' && opened(props.id) }, [
        h(AgentCell, { conversation, agentName: null, lastAgentName: null }),
      ])
  },
})
const Rows = defineComponent(() => () => h('div', [h(Row, { id: 1, holdsTabStop: true }), h(Row, { id: 2 })]))

const cases = [
  { locale: 'en', assign: 'Assign', select: 'Select', pending: 'Pending', note: 'Its assignment is already queued: it goes to the server as soon as it can.' },
  { locale: 'id', assign: 'Tugaskan', select: 'Pilih', pending: 'Tertunda', note: 'Penugasannya sudah menunggu dikirim: akan dikirim ke server secepatnya.' },
] as const

describe("a queued row's Assign while that chat's assignment waits in the outbox", () => {
  for (const { locale, assign, select, pending, note } of cases) {
    it(`waits, says why, and keeps its Tab stop (${locale})`, async () => {
      opened.mockClear()
      const outbox = useOutboxStore()
      const picks = usePicksStore()
      const dialogs = useAssignDialogsStore()
      const queued: OutboxAction = makeOutboxAction(1, { conversationId: 1, customerName: 'Customer 1' })
      outbox.actions = new Map([[1, queued]])
      const wrapper = mount(Rows, { global: { plugins: [createAppI18n(locale)] }, attachTo: document.body })
      await flush()
      const row = allByRole(wrapper, 'row')[0]!
      expect(row.text()).toContain(pending)

      const waiting = byRole(row, 'button', `${assign} Customer 1`)
      expect(waiting.attributes('aria-disabled')).toBe('true')
      expect(waiting.attributes('disabled')).toBeUndefined()
      expect(document.getElementById(waiting.attributes('aria-describedby') ?? '')?.textContent?.trim()).toBe(note)
      // The row holding the list's tab stop keeps its Select and Assign in the tab order; the others stay out of it.
      expect(byRole(row, 'checkbox', `${select} Customer 1`).attributes('tabindex')).toBeUndefined()
      expect(waiting.attributes('tabindex')).toBeUndefined()
      expect(byRole(wrapper, 'button', `${assign} Customer 2`).attributes('tabindex')).toBe('-1')

      // Its pick box waits too: picked, the chat would only be refused by a bulk assignment.
      const box = byRole(row, 'checkbox', `${select} Customer 1`)
      expect(box.attributes('aria-disabled')).toBe('true')
      await box.trigger('click')
      await flush()
      expect(picks.selection.has(1)).toBe(false)

      // Pressed, by pointer or Enter: no dialog, and the row does not open either.
      await waiting.trigger('click')
      await waiting.trigger('keydown', { key: 'Enter' })
      await flush()
      expect(dialogs.dialog).toBeNull()
      expect(opened).not.toHaveBeenCalled()

      // Another queued row, with nothing on its way, assigns as before.
      const other = byRole(wrapper, 'button', `${assign} Customer 2`)
      expect(other.attributes('aria-disabled')).toBeUndefined()
      expect(other.attributes('aria-describedby')).toBeUndefined()
      await other.trigger('click')
      expect(dialogs.dialog?.conversationIds).toEqual([2])
      dialogs.closeDialog()

      // Refused by the server: the chat still waits, and Assign and its pick box are live again.
      outbox.actions = new Map([[1, { ...queued, state: 'rejected' }]])
      await flush()
      const again = byRole(wrapper, 'button', `${assign} Customer 1`)
      expect(again.attributes('aria-disabled')).toBeUndefined()
      expect(again.attributes('aria-describedby')).toBeUndefined()
      expect(byRole(row, 'checkbox', `${select} Customer 1`).attributes('aria-disabled')).toBeUndefined()
      await again.trigger('click')
      expect(dialogs.dialog?.conversationIds).toEqual([1])
      expect(opened).not.toHaveBeenCalled()
      wrapper.unmount()
    })
  }
})
