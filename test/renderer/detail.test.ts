import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ConversationDetailPanel from '../../renderer/src/components/detail/ConversationDetailPanel.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useDetailStore } from '../../renderer/src/stores/detail'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { formatBytes } from '../../renderer/src/utils/format'
import { createFakeObserve, flush, makeConversation, makeMessage, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeObserve()
  window.observe = fake
  useWorkspaceStore().workspace = {
    agents: [{ id: 7, name: 'Citra Maharani', email: 'c@x', role: 'agent', presence: 'online', quota: 5, load: 2 }],
    labels: [{ id: 1, name: 'Refund', color: '#f76b15' }],
    channels: [{ id: 1, kind: 'whatsapp', account: '+62 811-1500-246' }],
    me: null,
    datasetId: null,
  }
})

afterEach(() => {
  useDetailStore().stop()
  delete window.observe
})

function mountPanel(locale: 'en' | 'id' = 'en', query = '', conversation = makeConversation(1, { status: 'handled', agentId: 7, labelIds: [1], type: 'outbox' })) {
  const messages = [
    makeMessage(1, 1, { text: 'Halo, pesanan saya belum sampai', attachments: [{ name: 'resi.pdf', mime: 'application/pdf', size: 1_400_000, url: 'x' }] }),
    makeMessage(2, 1, { direction: 'out', text: 'Conversation assigned to Citra Maharani', sender: { kind: 'system', name: 'System', agentId: null } }),
    makeMessage(3, 1, { direction: 'out', text: 'Baik kak, kami cek', sender: { kind: 'agent', name: 'Citra Maharani', agentId: 7 } }),
  ]
  return mount(ConversationDetailPanel, {
    props: { detail: { conversation, messages, messagesCached: true, earlierMessages: 'none' }, loading: false, error: null, loadingMessages: false, messagesError: null, query },
    global: { plugins: [createAppI18n(locale)] },
  })
}

describe('the conversation detail', () => {
  it('names itself by what happened when the conversation could not be read, not "Loading" for good', () => {
    for (const [error, said] of [['not_found', 'This conversation is no longer in the cache.'], ['internal', 'This conversation could not be loaded.']] as const) {
      const wrapper = mount(ConversationDetailPanel, {
        props: { detail: null, loading: false, error, loadingMessages: false, messagesError: null },
        global: { plugins: [createAppI18n('en')] },
      })
      expect(wrapper.get('h2').text()).toBe('Conversation not available')
      expect(wrapper.get('[role="alert"]').text()).toContain(said)
      wrapper.unmount()
    }
  })

  it("marks the list's search in the messages, as the search matched it, and only as text", () => {
    const wrapper = mountPanel('en', 'pesan belu')
    expect(wrapper.findAll('.bubble-row mark').map((m) => m.text())).toEqual(['pesan', 'belu'])
    expect(wrapper.get('.bubble-row .text').text()).toBe('Halo, pesanan saya belum sampai')
    expect(mountPanel('en').findAll('mark')).toHaveLength(0)
  })

  it('shows the thread as bubbles by direction with sender names, and system events centred', () => {
    const wrapper = mountPanel()
    const bubbles = wrapper.findAll('.bubble-row')
    expect(bubbles.map((b) => b.attributes('data-direction'))).toEqual(['in', 'out'])
    expect(bubbles[1]!.get('.sender').text()).toBe('Citra Maharani')
    const event = wrapper.get('.event')
    expect(event.text()).toContain('Conversation assigned to Citra Maharani')
    expect(event.find('.bubble').exists()).toBe(false)
  })

  it('says how long a queued customer has waited, as the queue does, and nothing of it once handled', () => {
    const queued = makeConversation(2, { status: 'in_queue', agentId: null, queuedAt: Date.now() - 7 * 60_000 - 5_000 })
    const facts = mountPanel('en', '', queued).get('.facts')
    const wait = facts.get('.waiting')
    expect(wait.get('time').text()).toMatch(/^7:0\d$/)
    expect(wait.attributes('data-level')).toBe('alert')
    expect(facts.text()).toContain('Waiting')
    // Handled, with the agent's word the last: nothing is due.
    const answered = makeConversation(5, { status: 'handled', agentId: 7, lastMessage: { text: 'Baik kak', at: Date.now(), direction: 'out' } })
    expect(mountPanel('en', '', answered).get('.facts').find('.waiting').exists()).toBe(false)
  })

  it("says how long a handled chat's customer has waited for a reply, when their message is the last", () => {
    const unanswered = makeConversation(6, { status: 'handled', agentId: 7, lastMessage: { text: 'Halo?', at: Date.now() - 2 * 60_000 - 5_000, direction: 'in' } })
    const facts = mountPanel('en', '', unanswered).get('.facts')
    expect(facts.text()).toContain('Awaiting reply')
    expect(facts.get('.waiting time').text()).toMatch(/^2:0\d$/)
    expect(facts.get('.waiting').attributes('data-level')).toBe('warn')

    // Asking again does not start the wait over: it counts from their first message since the reply.
    const askedAgain = { ...unanswered, awaitingSince: Date.now() - 6 * 60_000 - 5_000, lastMessage: { text: 'Halo??', at: Date.now() - 5_000, direction: 'in' as const } }
    const again = mountPanel('en', '', askedAgain).get('.facts')
    expect(again.get('.waiting time').text()).toMatch(/^6:0\d$/)
    expect(again.get('.waiting').attributes('data-level')).toBe('alert')
  })

  it('says a wait for a reply whose start is only estimated is at least that long, in both languages', () => {
    const estimated = {
      ...makeConversation(7, { status: 'handled', agentId: 7, lastMessage: { text: 'Halo?', at: Date.now() - 2 * 60_000 - 5_000, direction: 'in' } }),
      awaitingEstimated: true as const,
    }
    const en = mountPanel('en', '', estimated).get('.facts .waiting')
    expect(en.text()).toMatch(/^≥2:0\d\s*at least 2 minutes, Waiting long$/)
    expect(en.attributes('title')).toMatch(/^Waiting long · Waiting since .+ or earlier: the first message no one has answered is not known yet$/)
    const id = mountPanel('id', '', estimated).get('.facts .waiting')
    expect(id.get('.visually-hidden').text()).toBe('sedikitnya 2 menit, Menunggu lama')
    expect(id.attributes('title')).toMatch(/^Menunggu lama · Menunggu sejak .+ atau lebih awal: pesan pertama yang belum dibalas belum diketahui$/)
    // Known, it is the wait itself.
    const { awaitingEstimated: _, ...settled } = estimated
    const known = mountPanel('en', '', settled).get('.facts .waiting')
    expect(known.find('.at-least').exists()).toBe(false)
    expect(known.get('.visually-hidden').text()).toBe('2 minutes, Waiting long')
  })

  it('says when the chat started and when it was resolved, and that a chat never handled has no agent', () => {
    const started = Date.UTC(2026, 10, 17, 2, 28)
    const resolved = makeConversation(3, { status: 'resolved', agentId: null, lastAgentId: 7, createdAt: started, resolvedAt: started + 3_600_000 })
    const facts = mountPanel('en', '', resolved).get('.facts')
    const fact = (label: string) => facts.findAll('dt').find((dt) => dt.text() === label)?.element.nextElementSibling
    expect(fact('Started')?.querySelector('time')?.getAttribute('datetime')).toBe(new Date(started).toISOString())
    expect(fact('Resolved')?.querySelector('time')?.getAttribute('datetime')).toBe(new Date(started + 3_600_000).toISOString())
    expect(fact('Last handled by')?.textContent).toBe('Citra Maharani')
    const open = mountPanel('en', '', makeConversation(4, { status: 'handled', agentId: 7 })).get('.facts')
    expect(open.findAll('dt').map((dt) => dt.text())).not.toContain('Resolved')
    const never = mountPanel('en', '', makeConversation(5, { status: 'in_queue', agentId: null, lastAgentId: null })).get('.facts')
    expect(never.findAll('dt').map((dt) => dt.text())).toContain('Agent')
    expect(never.findAll('dt').map((dt) => dt.text())).not.toContain('Last handled by')
  })

  it('leaves out the actions bar for a resolved chat with nothing pending, and keeps it where there is something to do', () => {
    const resolved = makeConversation(3, { status: 'resolved', agentId: null, lastAgentId: 7 })
    expect(mountPanel('en', '', resolved).find('.detail-actions').exists()).toBe(false)
    expect(mountPanel().get('.detail-actions').text()).toContain('Transfer')
    const queued = makeConversation(4, { status: 'in_queue', agentId: null })
    expect(mountPanel('en', '', queued).get('.detail-actions').text()).toContain('Assign to agent')
  })

  it('lists attachments with their name and a human size', () => {
    const wrapper = mountPanel()
    const file = wrapper.get('.attachments .file')
    expect(file.text()).toContain('resi.pdf')
    expect(file.text()).toContain('1.4 MB')
    expect(formatBytes(512, 'en')).toBe('512 bytes')
    expect(formatBytes(1_400_000, 'id')).toBe('1,4 MB')
  })

  it("says where a file leads when it is not the server's own: the name is the customer's to choose", async () => {
    useConnectionStore().state = { status: 'online', lastSyncedAt: 1, server: 'https://api.observe.example', error: null }
    const files = [
      { name: 'invoice.pdf', mime: 'application/pdf', size: 10, url: 'https://evil.example/get?x=1' },
      { name: 'resi.pdf', mime: 'application/pdf', size: 10, url: 'https://api.observe.example/files/9' },
    ]
    const conversation = makeConversation(1)
    const wrapper = mount(ConversationDetailPanel, {
      props: { detail: { conversation, messages: [makeMessage(1, 1, { attachments: files })], messagesCached: true, earlierMessages: 'none' }, loading: false, error: null, loadingMessages: false, messagesError: null },
      global: { plugins: [createAppI18n('en')] },
    })
    const [elsewhere, own] = wrapper.findAll('.attachments .file')
    expect(elsewhere!.text()).toContain('evil.example')
    expect(elsewhere!.get('a').attributes('aria-label')).toBe('invoice.pdf, at evil.example')
    expect(elsewhere!.get('a').attributes('title')).toBe('Opens evil.example in your browser')
    expect(own!.text()).not.toContain('api.observe.example')
    expect(own!.get('a').attributes('aria-label')).toBeUndefined()
  })

  it('shows the customer card, labels, type, status and handling agent', () => {
    const wrapper = mountPanel()
    expect(wrapper.get('.card').text()).toContain('+62 811-1500-246')
    expect(wrapper.get('.card').text()).toContain('WhatsApp')
    const facts = wrapper.get('.facts').text()
    for (const text of ['Outbox', 'Handled', 'Citra Maharani', 'Refund']) expect(facts).toContain(text)
  })

  it('opens the conversation a notification or the tray asks for', async () => {
    fake.handlers['conversations:get'] = ({ id }) => ({ conversation: makeConversation(id), messages: [], messagesCached: true, earlierMessages: 'none' })
    const store = useDetailStore()
    store.start()
    fake.emit('app:openConversation', { id: 42 })
    await flush()
    expect(store.openId).toBe(42)
    expect(store.detail?.conversation.id).toBe(42)
  })
})
