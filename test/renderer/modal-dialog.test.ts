import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { useModalDialog } from '../../renderer/src/composables/modal-dialog'

/** The smallest dialog that behaves as the app's do. */
const Dialog = defineComponent({
  emits: ['close'],
  setup(_, { emit }) {
    const dialog = ref<HTMLElement | null>(null)
    const ok = ref<HTMLElement | null>(null)
    const { onKeydown } = useModalDialog({ dialog, initialFocus: () => ok.value, close: () => emit('close') })
    return () =>
      h('div', { class: 'backdrop' }, [
        h('div', { ref: dialog, role: 'dialog', 'aria-modal': 'true', onKeydown }, [h('div', { role: 'status', id: 'inside' }), h('button', { ref: ok }, 'OK')]),
      ])
  },
})

afterEach(() => {
  document.body.innerHTML = ''
})

const inert = (id: string): boolean => document.getElementById(id)!.closest('[inert]') !== null

// aria-modal hides the page only from screen readers that honour it; inert takes it from all of
// them, and from the mouse and find-in-page.
describe('a modal dialog', () => {
  it('makes the page behind it inert while open, all but the live regions, and gives it back on closing', () => {
    document.body.innerHTML = `
      <header id="header"><button id="opener">Assign</button><div role="status" id="connection">Online</div></header>
      <main id="main"><p id="rows">Rows</p></main>
      <div id="layer"><div class="toasts" id="toasts"><div role="alert" id="alert"></div></div><div id="host"></div></div>`
    document.getElementById('opener')!.focus()
    const wrapper = mount(Dialog, { attachTo: '#host' })
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!

    expect(['opener', 'main', 'rows'].filter(inert)).toEqual(['opener', 'main', 'rows'])
    // A toast or the connection's state, arriving while the dialog is open, is still heard.
    expect(['connection', 'alert', 'toasts', 'inside'].filter(inert)).toEqual([])
    expect(dialog.closest('[inert]')).toBeNull()

    wrapper.unmount()
    expect(document.querySelectorAll('[inert]')).toHaveLength(0)
    expect(document.activeElement?.id).toBe('opener')
  })
})
