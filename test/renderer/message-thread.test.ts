import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '../../shared/domain'
import { THREAD_WINDOW_MAX } from '../../shared/ipc/contract'
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

/** Where a drawn message stands in the list, as the virtualizer placed it. */
const placed = (li: Element): number => Number(/translateY\((-?[\d.]+)px\)/.exec((li as HTMLElement).style.transform)?.[1] ?? 0)

/**
 * Lays the thread out as a browser would (happy-dom has no layout): each message ROW px tall, where
 * the virtualizer placed it, in a scroller VIEW px tall. Returns the message at the middle of the view.
 */
function layOut(): (wrapper: { find(selector: string): { element: Element } }) => string {
  // happy-dom's observer reports every size as 0: the virtualizer measures what it draws instead.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  )
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const scroller = this.closest('.scroll') as HTMLElement | null
    const isScroller = this.classList.contains('scroll')
    const height = isScroller ? VIEW : ROW
    // What is inside a message (its marks) stands where the message does.
    const message = this.closest('li')
    const top = isScroller || !scroller || !message ? 0 : placed(message) - scroller.scrollTop
    return { top, y: top, bottom: top + height, height, left: 0, x: 0, right: 400, width: 400, toJSON: () => ({}) } as DOMRect
  })
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(ROW)
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEW)
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return Number.parseFloat(this.querySelector<HTMLElement>('ol')?.style.height ?? '0') || 0
  })
  return (wrapper) => {
    const scroller = wrapper.find('.scroll').element as HTMLElement
    const middle = scroller.scrollTop + VIEW / 2
    const li = [...scroller.querySelectorAll('ol > li')].find((item) => placed(item) <= middle && middle < placed(item) + ROW)
    return li?.querySelector('.text')?.textContent ?? ''
  }
}

/** Lets the thread draw, scroll and settle over a few frames; happy-dom says nothing of a scroll, a browser does. */
async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await flush()
    await new Promise((resolve) => requestAnimationFrame(resolve))
    for (const scroller of document.querySelectorAll('.scroll')) scroller.dispatchEvent(new Event('scroll'))
  }
}

const mountThread = (messages: Message[], query?: string) =>
  // In the document: the virtualizer measures only messages that are.
  mount(MessageThread, { props: { messages, loading: false, error: null, query }, global: { plugins: [createAppI18n('en')] }, attachTo: document.body })

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

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

  it.each([
    { locale: 'en' as const, show: 'Show earlier messages', note: 'Only the newest 20,000 messages of this conversation are shown.' },
    { locale: 'id' as const, show: 'Tampilkan pesan sebelumnya', note: 'Hanya 20.000 pesan terbaru dari percakapan ini yang ditampilkan.' },
  ])('says only the newest messages are shown once the page holds as many as it can, instead of a button that brings none ($locale)', async ({ locale, show, note }) => {
    const messages = Array.from({ length: THREAD_WINDOW_MAX - 1 }, (_, i) => makeMessage(i + 1, 1))
    const wrapper = mount(MessageThread, {
      props: { messages, loading: false, error: null, earlier: 'cached' },
      global: { plugins: [createAppI18n(locale)] },
      attachTo: document.body,
    })
    const button = () => wrapper.findAll('button').find((b) => b.text() === show)
    expect(button()).toBeDefined()
    button()!.element.focus()

    // The press that brings the last message the page holds: earlier ones are still in the cache.
    await wrapper.setProps({ messages: [makeMessage(0, 1), ...messages] })
    await flush()
    expect(button()).toBeUndefined()
    expect(wrapper.get('.earlier .note').text()).toBe(note)
    expect(document.activeElement).toBe(wrapper.get('.scroll').element)
    wrapper.unmount()
  })

  it("opens under a search at the newest message the search matched, not at the thread's end", async () => {
    const centred = layOut()
    const wrapper = mountThread(thread(1, { 3: 'Saya mau refund', 12: 'Refundnya kapan, kak?', 15: 'Terima kasih' }), 'refund')
    await settle()
    expect(centred(wrapper)).toBe('Refundnya kapan, kak?')

    // Another chat with as many messages is a new thread: it opens at its own match.
    await wrapper.setProps({ messages: thread(2, { 5: 'refund dong' }) })
    await settle()
    expect(centred(wrapper)).toBe('refund dong')
  })

  it('opens at and marks the message a search found by an Indonesian root, as the cache found it ("kirim" in "pengiriman")', async () => {
    const centred = layOut()
    const wrapper = mountThread(thread(1, { 3: 'Sudah dikirim kemarin', 12: 'Kapan pengiriman sampai?', 15: 'Terima kasih' }), 'kirim')
    await settle()
    expect(centred(wrapper)).toBe('Kapan pengiriman sampai?')
    expect(wrapper.findAll('mark').map((mark) => mark.text())).toContain('pengiriman')
    wrapper.unmount()
  })

  it('opens at the newest message without a search, or when the search matched elsewhere (the name)', async () => {
    layOut()
    for (const wrapper of [mountThread(thread(1, { 3: 'Saya mau refund' })), mountThread(thread(1, { 3: 'Saya mau refund' }), 'Putri')]) {
      await settle()
      const scroller = wrapper.find('.scroll').element as HTMLElement
      // At the end (happy-dom does not stop a scroll at the end, as a browser does).
      expect(scroller.scrollTop).toBeGreaterThanOrEqual(scroller.scrollHeight - VIEW)
    }
  })

  it('draws only the messages in view of a long thread, each saying where it stands in it', async () => {
    layOut()
    const messages = Array.from({ length: 4500 }, (_, i) => makeMessage(10_000 + i, 1))
    const wrapper = mountThread(messages)
    await settle()
    const drawn = wrapper.findAll('ol > li')
    expect(drawn.length).toBeGreaterThan(0)
    expect(drawn.length).toBeLessThan(40)
    expect(drawn.every((li) => li.attributes('aria-setsize') === '4500')).toBe(true)
    // At the end: the newest message is the last drawn, and the last of the thread.
    expect(drawn.at(-1)!.attributes('aria-posinset')).toBe('4500')
    expect(drawn.at(-1)!.text()).toContain(messages.at(-1)!.text)
  })

  it('scrolls only the thread, never what holds it (scrollIntoView would move the panel too)', async () => {
    const intoView = vi.spyOn(HTMLElement.prototype, 'scrollIntoView')
    layOut()
    mountThread(thread(1, { 12: 'Refundnya kapan, kak?' }), 'refund')
    await settle()
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
