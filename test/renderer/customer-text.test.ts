import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ConversationTable from '../../renderer/src/components/conversations/ConversationTable.vue'
import ConversationDetailPanel from '../../renderer/src/components/detail/ConversationDetailPanel.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import type { ConversationList } from '../../renderer/src/stores/conversations'
import { useWorkspaceStore } from '../../renderer/src/stores/workspace'
import { createFakeObserve, makeConversation, makeMessage } from './support/fake-observe'

const HOSTILE = '<img src=x onerror=alert(1)>'

beforeEach(() => {
  setActivePinia(createPinia())
  window.observe = createFakeObserve()
})

afterEach(() => {
  delete window.observe
})

function list(): ConversationList {
  return {
    records: [makeConversation(1, { customer: { id: 1, name: HOSTILE, handle: '<b>bold</b>' }, labelIds: [1] })],
    base: 0,
    fromEnd: null,
    hasBefore: false,
    cursor: null,
    hasMore: false,
    isFetching: false,
    error: null,
    loaded: true,
    stale: false,
  }
}

describe('customer-supplied text', () => {
  it('renders literally in the conversation table, never as markup', () => {
    useWorkspaceStore().workspace = {
      agents: [],
      labels: [{ id: 1, name: '<script>alert(2)</script>', color: '#ff0000' }],
      channels: [],
      me: null,
      datasetId: null,
    }
    const wrapper = mount(ConversationTable, {
      props: { tab: 'all', list: list(), selectedId: null, total: 1 },
      global: { plugins: [createAppI18n('en')] },
    })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
    const row = wrapper.get('[role="row"][data-id="1"]')
    expect(row.text()).toContain(HOSTILE)
    expect(row.text()).toContain('<b>bold</b>')
    expect(row.text()).toContain('<script>alert(2)</script>')
    // Each in a <bdi>: a right-to-left override in a name or handle ends where they do.
    expect(row.findAll('.col-customer bdi:not(.ticket)').map((b) => b.text())).toEqual([HOSTILE, '<b>bold</b>'])
  })

  it('renders literally in the detail panel and its messages', () => {
    const conversation = makeConversation(1, { customer: { id: 1, name: HOSTILE, handle: 'x' } })
    const wrapper = mount(ConversationDetailPanel, {
      props: {
        detail: {
          conversation,
          messages: [makeMessage(1, 1, { text: HOSTILE, sender: { kind: 'customer', name: HOSTILE, agentId: null } })],
          messagesCached: true,
          earlierMessages: 'none',
        },
        loading: false,
        error: null,
        loadingMessages: false,
        messagesError: null,
      },
      global: { plugins: [createAppI18n('en')] },
    })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('h2').text()).toBe(HOSTILE)
    expect(wrapper.get('.text').text()).toBe(HOSTILE)
  })

  it('shows the offline note when the thread cannot be fetched', () => {
    const wrapper = mount(ConversationDetailPanel, {
      props: {
        detail: { conversation: makeConversation(1), messages: [], messagesCached: false, earlierMessages: 'none' },
        loading: false,
        error: null,
        loadingMessages: false,
        messagesError: 'offline',
      },
      global: { plugins: [createAppI18n('en')] },
    })
    expect(wrapper.get('[role="alert"]').text()).toContain('not available offline')
  })
})
