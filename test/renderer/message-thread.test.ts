import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '../../shared/domain'
import MessageThread from '../../renderer/src/components/detail/MessageThread.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { flush, makeMessage } from './support/fake-observe'

/** A thread of 20 messages of one conversation, with the given texts at the given places. */
function thread(conversationId: number, texts: Record<number, string>): Message[] {
  return Array.from({ length: 20 }, (_, i) => makeMessage(conversationId * 100 + i, conversationId, texts[i] ? { text: texts[i] } : {}))
}

/** The messages scrolled into view, by their text. */
function spyScrolls(): string[] {
  const scrolled: string[] = []
  vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement, options?: boolean | ScrollIntoViewOptions) {
    expect(options).toEqual({ block: 'center' })
    scrolled.push(this.querySelector('.text')?.textContent ?? '')
  })
  return scrolled
}

const mountThread = (messages: Message[], query?: string) =>
  mount(MessageThread, { props: { messages, loading: false, error: null, query }, global: { plugins: [createAppI18n('en')] } })

afterEach(() => vi.restoreAllMocks())

describe('the message thread', () => {
  it("opens under a search at the newest message the search matched, not at the thread's end", async () => {
    const scrolled = spyScrolls()
    const wrapper = mountThread(thread(1, { 3: 'Saya mau refund', 12: 'Refundnya kapan, kak?', 15: 'Terima kasih' }), 'refund')
    await flush()
    expect(scrolled).toEqual(['Refundnya kapan, kak?'])

    // Another chat with as many messages is a new thread: it opens at its own match.
    await wrapper.setProps({ messages: thread(2, { 5: 'refund dong' }) })
    await flush()
    expect(scrolled).toEqual(['Refundnya kapan, kak?', 'refund dong'])
  })

  it('opens at the newest message without a search, or when the search matched elsewhere (the name)', async () => {
    const scrolled = spyScrolls()
    mountThread(thread(1, { 3: 'Saya mau refund' }))
    mountThread(thread(1, { 3: 'Saya mau refund' }), 'Putri')
    await flush()
    expect(scrolled).toEqual([])
  })
})
