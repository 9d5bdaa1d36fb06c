import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '../../shared/domain'
import MessageThread from '../../renderer/src/components/detail/MessageThread.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { flush, makeMessage } from './support/fake-observe'

/** A thread of 20 messages of one conversation, with the given texts at the given places. */
function thread(conversationId: number, texts: Record<number, string>): Message[] {
  return Array.from({ length: 20 }, (_, i) => makeMessage(conversationId * 100 + i, conversationId, texts[i] ? { text: texts[i] } : {}))
}

// Attachments ask the connection store which host is the server's own.
beforeEach(() => setActivePinia(createPinia()))

const ROW = 60
const VIEW = 300

/**
 * Lays the thread out as a browser would (happy-dom has no layout): each message ROW px tall, one
 * under the other, in a scroller VIEW px tall. Returns the message at the middle of the view.
 */
function layOut(): (wrapper: { find(selector: string): { element: Element } }) => string {
  const position = (el: Element): number => (el.tagName === 'LI' ? [...el.parentElement!.children].indexOf(el) * ROW : 0)
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const scroller = this.closest('.scroll') as HTMLElement | null
    const top = position(this) - (this.classList.contains('scroll') || !scroller ? 0 : scroller.scrollTop)
    return { top, y: top, bottom: top + ROW, height: ROW, left: 0, x: 0, right: 0, width: 0, toJSON: () => ({}) } as DOMRect
  })
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(ROW)
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEW)
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(20 * ROW)
  return (wrapper) => {
    const scroller = wrapper.find('.scroll').element as HTMLElement
    const middle = Math.floor((scroller.scrollTop + VIEW / 2) / ROW)
    return scroller.querySelectorAll('li')[middle]?.querySelector('.text')?.textContent ?? ''
  }
}

const mountThread = (messages: Message[], query?: string) =>
  mount(MessageThread, { props: { messages, loading: false, error: null, query }, global: { plugins: [createAppI18n('en')] } })

afterEach(() => vi.restoreAllMocks())

describe('the message thread', () => {
  it('is a named tab stop, so the keyboard can scroll a long thread', () => {
    const wrapper = mountThread([])
    const scroller = wrapper.get('.scroll')
    expect(scroller.attributes('tabindex')).toBe('0')
    expect(scroller.attributes('role')).toBe('group')
    expect(scroller.attributes('aria-labelledby')).toBe('thread-heading')
    expect(wrapper.get('#thread-heading').text()).toBe('Messages')
    wrapper.unmount()
  })

  it("opens under a search at the newest message the search matched, not at the thread's end", async () => {
    const centred = layOut()
    const wrapper = mountThread(thread(1, { 3: 'Saya mau refund', 12: 'Refundnya kapan, kak?', 15: 'Terima kasih' }), 'refund')
    await flush()
    expect(centred(wrapper)).toBe('Refundnya kapan, kak?')

    // Another chat with as many messages is a new thread: it opens at its own match.
    await wrapper.setProps({ messages: thread(2, { 5: 'refund dong' }) })
    await flush()
    expect(centred(wrapper)).toBe('refund dong')
  })

  it('opens at the newest message without a search, or when the search matched elsewhere (the name)', async () => {
    layOut()
    for (const wrapper of [mountThread(thread(1, { 3: 'Saya mau refund' })), mountThread(thread(1, { 3: 'Saya mau refund' }), 'Putri')]) {
      await flush()
      expect((wrapper.find('.scroll').element as HTMLElement).scrollTop).toBe(20 * ROW)
    }
  })

  it('scrolls only the thread, never what holds it (scrollIntoView would move the panel too)', async () => {
    const intoView = vi.spyOn(HTMLElement.prototype, 'scrollIntoView')
    layOut()
    mountThread(thread(1, { 12: 'Refundnya kapan, kak?' }), 'refund')
    await flush()
    expect(intoView).not.toHaveBeenCalled()
  })
})

describe("a message's files", () => {
  it('open as web links, and only plain web links: a script or local file URL stays text', () => {
    const file = (name: string, url: string) => ({ name, mime: 'image/jpeg', size: 42_000, url })
    const message = makeMessage(1, 1, {
      attachments: [file('photo.jpg', 'https://files.example.com/c/1/photo.jpg'), file('evil.jpg', 'javascript:alert(1)'), file('local.jpg', 'file:///etc/passwd')],
    })
    const wrapper = mountThread([message])
    const links = wrapper.findAll('.attachments a')
    expect(links.map((a) => [a.text(), a.attributes('href'), a.attributes('target'), a.attributes('rel')])).toEqual([
      ['photo.jpg', 'https://files.example.com/c/1/photo.jpg', '_blank', 'noopener noreferrer'],
    ])
    expect(wrapper.findAll('.attachments .file-name').map((name) => name.text())).toEqual(['photo.jpg', 'evil.jpg', 'local.jpg'])
  })
})
