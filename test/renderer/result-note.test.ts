import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Composer } from 'vue-i18n'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CustomerView from '../../renderer/src/views/CustomerView.vue'
import { createAppI18n, type Locale } from '../../renderer/src/i18n'
import { createFakeObserve, makeConversation } from './support/fake-observe'
import { allByRole, byRole } from './support/roles'

beforeEach(() => {
  setActivePinia(createPinia())
  window.localStorage.clear()
  window.observe = createFakeObserve({
    'workspace:get': () => ({ agents: [], labels: [], channels: [], me: null, datasetId: null }),
    'conversations:counts': () => ({ all: 3091, in_queue: 40, handled: 60 }),
    'conversations:list': ({ tab }) => ({
      rows: Array.from({ length: 20 }, (_, i) => makeConversation(i + 1, { status: tab === 'all' ? 'resolved' : tab })),
      nextCursor: null,
    }),
  })
})

afterEach(() => {
  delete window.observe
})

async function mountView(locale: Locale) {
  const i18n = createAppI18n(locale)
  const wrapper = mount(CustomerView, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  // As the header's language select switches it (the app's i18n is the composition API's).
  const switchTo = (next: Locale): void => {
    ;(i18n.global as unknown as Composer).locale.value = next
  }
  return { wrapper, switchTo }
}

/** What the page's live regions say: the note is one of them, worded for the ear alone. */
const statusWords = (wrapper: Awaited<ReturnType<typeof mountView>>['wrapper']) => allByRole(wrapper, 'status').map((el) => el.text())

async function search(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper'], text: string) {
  await byRole(wrapper, 'searchbox').setValue(text)
}

describe('the note telling a screen reader what a search or a new order left', () => {
  it('is said again in Bahasa Indonesia, with its number format, as soon as the language changes', async () => {
    const { wrapper, switchTo } = await mountView('en')
    await search(wrapper, 'ana')
    await vi.waitFor(() => expect(statusWords(wrapper)).toContain('3,091 conversations'))
    switchTo('id')
    await flushPromises()
    expect(statusWords(wrapper)).toContain('3.091 percakapan')
    wrapper.unmount()
  })

  it('is said again in English when the language goes back', async () => {
    const { wrapper, switchTo } = await mountView('id')
    await byRole(byRole(wrapper, 'columnheader', /^Pelanggan/), 'button').trigger('click')
    await vi.waitFor(() => expect(statusWords(wrapper)).toContain('Diurutkan menurut Pelanggan, urutan naik'))
    switchTo('en')
    await flushPromises()
    expect(statusWords(wrapper)).toContain('Sorted by Customer, ascending')
    wrapper.unmount()
  })

  it("goes with the tab it answered: another tab's rows are not introduced by its count, nor is it said again at a language switch", async () => {
    const { wrapper, switchTo } = await mountView('en')
    await search(wrapper, 'ana')
    await vi.waitFor(() => expect(statusWords(wrapper)).toContain('3,091 conversations'))
    await byRole(wrapper, 'tab', /^In Queue/).trigger('click')
    await flushPromises()
    expect(statusWords(wrapper)).not.toContain('3,091 conversations')
    switchTo('id')
    await flushPromises()
    expect(statusWords(wrapper)).not.toContain('3.091 percakapan')
    wrapper.unmount()
  })
})
