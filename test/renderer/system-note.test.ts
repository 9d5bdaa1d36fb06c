import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SystemEvent } from '../../shared/domain'
import MessageBubble from '../../renderer/src/components/detail/MessageBubble.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { startOfDay } from '../../renderer/src/stores/filters'
import { makeMessage } from './support/fake-observe'

beforeEach(() => setActivePinia(createPinia()))

const citra = { id: 7, name: 'Citra Maharani' }
const budi = { id: 8, name: 'Budi Santoso' }
const spv = { id: 1, name: 'Sari Supervisor' }

/** What a thread says for a system note, as the supervisor reads it. */
function said(locale: 'en' | 'id', text: string, event?: SystemEvent): string {
  return note(locale, text, event).words
}

/** A system note's words, and the language they are marked in (null: the page's own). */
function note(locale: 'en' | 'id', text: string, event?: SystemEvent): { words: string; lang: string | null } {
  const message = makeMessage(1, 1, { direction: 'out', text, sender: { kind: 'system', name: 'System', agentId: null }, ...(event ? { event } : {}) })
  const wrapper = mount(MessageBubble, { props: { message, today: startOfDay(Date.now()) }, global: { plugins: [createAppI18n(locale)] } })
  const span = wrapper.get('[data-sender="system"] span')
  const said = { words: span.text(), lang: span.element.closest('[lang]')?.getAttribute('lang') ?? null }
  wrapper.unmount()
  return said
}

describe("a hand-off note in a thread, in the supervisor's language", () => {
  const notes: [string, SystemEvent, string, string][] = [
    ['Conversation assigned to Citra Maharani', { kind: 'assigned', to: citra }, 'Conversation assigned to Citra Maharani', 'Percakapan ditugaskan ke Citra Maharani'],
    ['Assigned to Citra Maharani by Sari Supervisor', { kind: 'assigned', to: citra, by: spv }, 'Assigned to Citra Maharani by Sari Supervisor', 'Ditugaskan ke Citra Maharani oleh Sari Supervisor'],
    ['Picked up by Citra Maharani', { kind: 'picked_up', to: citra, by: citra }, 'Picked up by Citra Maharani', 'Diambil oleh Citra Maharani'],
    [
      'Transferred from Budi Santoso to Citra Maharani by Sari Supervisor',
      { kind: 'transferred', from: budi, to: citra, by: spv },
      'Transferred from Budi Santoso to Citra Maharani by Sari Supervisor',
      'Dialihkan dari Budi Santoso ke Citra Maharani oleh Sari Supervisor',
    ],
    [
      'Transferred from the queue to Citra Maharani by Sari Supervisor',
      { kind: 'transferred', from: null, to: citra, by: spv },
      'Transferred from the queue to Citra Maharani by Sari Supervisor',
      'Dialihkan dari antrean ke Citra Maharani oleh Sari Supervisor',
    ],
  ]

  it.each(notes)('words "%s" in English and in Bahasa Indonesia', (text, event, english, bahasa) => {
    expect(said('en', text, event)).toBe(english)
    expect(said('id', text, event)).toBe(bahasa)
  })

  it("shows the server's text for a note it cannot word: no event, a kind it does not know, a name left out", () => {
    expect(said('id', 'Conversation assigned to Citra Maharani')).toBe('Conversation assigned to Citra Maharani')
    expect(said('id', 'Resolved by Citra Maharani', { kind: 'resolved', by: citra })).toBe('Resolved by Citra Maharani')
    expect(said('id', 'Transferred to Citra Maharani', { kind: 'transferred', to: citra })).toBe('Transferred to Citra Maharani')
    expect(said('id', 'Assigned to Citra', { kind: 'assigned', to: { id: 7, name: '' } })).toBe('Assigned to Citra')
  })

  it("marks the server's English as English on a page in Bahasa, and nothing the page words itself", () => {
    const unworded: [string, SystemEvent | undefined][] = [
      ['Conversation assigned to Citra Maharani', undefined],
      ['Resolved by Citra Maharani', { kind: 'resolved', by: citra }],
      ['Assigned to Citra', { kind: 'assigned', to: { id: 7, name: '' } }],
    ]
    for (const [text, event] of unworded) {
      expect(note('id', text, event)).toEqual({ words: text, lang: 'en' })
      // On an English page it is in the page's language already.
      expect(note('en', text, event)).toEqual({ words: text, lang: null })
    }
    expect(note('id', 'Picked up by Citra Maharani', { kind: 'picked_up', to: citra })).toEqual({ words: 'Diambil oleh Citra Maharani', lang: null })
  })

  it('puts names in as plain text, never as markup, and on one line', () => {
    const message = makeMessage(1, 1, {
      direction: 'out',
      text: 'Picked up by x',
      sender: { kind: 'system', name: 'System', agentId: null },
      event: { kind: 'picked_up', to: { id: 9, name: '<img src=x onerror=alert(1)>\nRani' } },
    })
    const wrapper = mount(MessageBubble, { props: { message, today: startOfDay(Date.now()) }, global: { plugins: [createAppI18n('id')] } })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('[data-sender="system"] span').text()).toBe('Diambil oleh <img src=x onerror=alert(1)> Rani')
    wrapper.unmount()
  })
})
