import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import SignedInApp from '../../renderer/src/views/SignedInApp.vue'
import { createAppI18n, type Locale } from '../../renderer/src/i18n'
import { createFakeObserve, makeAgent, makeConversation } from './support/fake-observe'
import { allByRole, byRole } from './support/roles'

const ME = makeAgent(1, 0, 0, { name: 'Sari Supervisor', role: 'supervisor' })
// The names Bahasa keeps in English, as the product shows them, and one word it translates.
const KEPT = ['All', 'In Queue', 'Handled', 'Inbox', 'Outbox', 'Customer', 'Log History', 'Conversation Type', 'Last Handling Agent', 'Live chat']
const TRANSLATED = 'Pelanggan'

let wrapper: VueWrapper

beforeEach(() => {
  setActivePinia(createPinia())
  window.localStorage.clear()
  window.observe = createFakeObserve({
    'workspace:get': () => ({ agents: [ME, makeAgent(7, 1, 5, { name: 'Citra Maharani' })], labels: [], channels: [], me: ME, datasetId: null }),
    'connection:get': () => ({ status: 'online', lastSyncedAt: Date.now(), server: 'http://x', error: null }),
    'conversations:counts': () => ({ all: 4, in_queue: 2, handled: 2 }),
    'conversations:list': () => ({
      rows: [1, 2, 3, 4].map((id) => makeConversation(id, { status: id <= 2 ? 'in_queue' : 'handled', type: 'inbox', agentId: id <= 2 ? null : 7, channel: id === 4 ? 'livechat' : 'whatsapp' })),
      nextCursor: null,
    }),
    'outbox:list': () => ({ actions: [] }),
  })
})

afterEach(() => {
  wrapper?.unmount()
  delete window.observe
})

async function mountApp(locale: Locale): Promise<void> {
  wrapper = mount(SignedInApp, { global: { plugins: [createAppI18n(locale)] }, attachTo: document.body })
  await flushPromises()
}

/** Each piece of text on the page, by the language it is marked with (null: the page's own). */
function textLanguages({ spokenOnly = false } = {}): Map<string, Set<string | null>> {
  const found = new Map<string, Set<string | null>>()
  for (const element of document.body.querySelectorAll('*')) {
    if (spokenOnly && element.closest('[aria-hidden="true"]')) continue
    for (const node of element.childNodes) {
      const text = node.nodeType === Node.TEXT_NODE ? node.textContent!.trim() : ''
      if (!text) continue
      const lang = element.closest('[lang]')?.getAttribute('lang') ?? null
      found.set(text, (found.get(text) ?? new Set()).add(lang))
    }
  }
  return found
}

// A screen reader speaking Indonesian reads "In Queue" with Indonesian sounds unless the words say they are English.
describe('English names kept in Bahasa', () => {
  it('are marked lang="en" wherever they are shown, and the translated words are not', async () => {
    await mountApp('id')
    // The type column gives way in a window this narrow; the Conversation Type filter's list names them.
    await byRole(wrapper, 'combobox', 'Conversation Type').trigger('click')
    // Picked, Inbox also names the filter's value and its chip: each must be marked too.
    await byRole(wrapper, 'option', 'Inbox').trigger('click')
    await byRole(wrapper, 'combobox', 'Channel').trigger('click')
    await byRole(wrapper, 'option', 'Live chat').trigger('click')
    await flushPromises()
    expect(document.querySelector('#filter-type-button .value')?.textContent).toBe('Inbox')
    expect(allByRole(wrapper, 'button', 'Hapus filter Inbox')).toHaveLength(1)
    const languages = textLanguages()
    for (const word of KEPT) expect([...(languages.get(word) ?? ['not shown'])], word).toEqual(['en'])
    expect([...languages.get(TRANSLATED)!]).toEqual([null])
    // Nothing else a screen reader says is: a tab's count, beside its English name, is said in Indonesian.
    const marked = [...textLanguages({ spokenOnly: true })].filter(([, langs]) => langs.has('en')).map(([text]) => text)
    expect(marked.filter((text) => !KEPT.includes(text))).toEqual([])
    expect(document.getElementById('tab-all-hint')!.closest('[lang]')!.getAttribute('lang')).toBe('id')
  })

  it('are not marked in English, where the whole page already is', async () => {
    await mountApp('en')
    expect(document.body.querySelector('[lang]')).toBeNull()
    expect(textLanguages().has('In Queue')).toBe(true)
  })
})
