import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import MessageBubble from '../../renderer/src/components/detail/MessageBubble.vue'
import { createAppI18n, type Locale } from '../../renderer/src/i18n'
import { makeMessage } from './support/fake-observe'

beforeEach(() => setActivePinia(createPinia()))

function mountBubble(locale: Locale, sender: { kind: 'bot' | 'agent'; name: string }) {
  const message = makeMessage(1, 1, { direction: 'out', text: 'Halo kak', sender: { ...sender, agentId: null } })
  return mount(MessageBubble, { props: { message, today: 0 }, global: { plugins: [createAppI18n(locale)] } })
}

/** The words left once `leaveOut` is taken away, each element's apart as they are read or seen. */
function wordsWithout(element: Element, leaveOut: string): string {
  const copy = element.cloneNode(true) as Element
  for (const left of Array.from(copy.querySelectorAll(leaveOut))) left.remove()
  const walker = copy.ownerDocument.createTreeWalker(copy, NodeFilter.SHOW_TEXT)
  const words: string[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) words.push(node.textContent ?? '')
  return words.join(' ').replace(/\s+/g, ' ').trim()
}
/** What a screen reader reads: all but what is hidden from it. */
const heard = (element: Element): string => wordsWithout(element, '[aria-hidden="true"]')
/** What the eye reads: all but what is there for the ear alone. */
const seen = (element: Element): string => wordsWithout(element, '.visually-hidden')

describe("a bot's message, heard", () => {
  it.each([
    ['en', 'Observe Bot', 'Observe Bot (automated)'],
    ['en', 'Sari', 'Sari (automated)'],
    ['id', 'Observe Bot', 'Observe Bot (otomatis)'],
    ['id', 'Sari', 'Sari (otomatis)'],
  ] as const)('in %s says the name "%s" once and that it is automated once', (locale, name, said) => {
    const wrapper = mountBubble(locale, { kind: 'bot', name })
    expect(heard(wrapper.element)).toMatch(new RegExp(`^${said.replace(/[()]/g, '\\$&')} \\S`))
    expect(heard(wrapper.element)).not.toMatch(/Bot Bot/)
    // The eye still sees the name with its tag beside it.
    expect(seen(wrapper.element)).toMatch(new RegExp(`^${name} Bot `))
    wrapper.unmount()
  })

  it("leaves an agent's name as it is", () => {
    const wrapper = mountBubble('en', { kind: 'agent', name: 'Citra Maharani' })
    expect(heard(wrapper.element)).toMatch(/^Citra Maharani \S/)
    wrapper.unmount()
  })
})

describe('a bot the server left unnamed', () => {
  // The contract allows an empty name (shared/domain/message.ts) and the cache keeps it as sent.
  it.each([
    ['en', '', 'Bot (automated)'],
    ['en', ' \u200b ', 'Bot (automated)'],
    ['id', '', 'Bot (otomatis)'],
    ['id', '  ', 'Bot (otomatis)'],
    // Named by the tag's own word: the tag alone says it.
    ['en', 'Bot', 'Bot (automated)'],
    ['id', ' bot ', 'Bot (otomatis)'],
  ] as const)('in %s, a bot named %j is seen as its tag alone and heard as "%s"', (locale, name, said) => {
    const wrapper = mountBubble(locale, { kind: 'bot', name })
    expect(seen(wrapper.element)).toMatch(/^Bot /)
    expect(heard(wrapper.element).startsWith(`${said} `)).toBe(true)
    for (const words of [seen(wrapper.element), heard(wrapper.element)]) expect(words.match(/bot/gi)).toHaveLength(1)
    wrapper.unmount()
  })
})
