import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import ConnectionIndicator from '../../renderer/src/components/app/ConnectionIndicator.vue'
import { LOST_OBSERVE } from '../../renderer/src/api/ws-bridge'
import { createAppI18n } from '../../renderer/src/i18n'
import type { FailureReason } from '../../shared/ipc/failure'

afterEach(() => {
  vi.useRealTimers()
})

describe('the connection indicator', () => {
  it("says in the page's language why a tab that lost Observe itself is offline", () => {
    const state = { status: 'offline' as const, lastSyncedAt: null, server: 'http://127.0.0.1:4000', error: LOST_OBSERVE }
    const id = mount(ConnectionIndicator, { props: { state }, global: { plugins: [createAppI18n('id')] } })
    expect(id.get('.connection').attributes('title')).toContain('Halaman ini terputus dari Observe itu sendiri')
    id.unmount()
  })

  it("words the core's reason in Bahasa Indonesia, without its English text", () => {
    const state = { status: 'offline' as const, lastSyncedAt: null, server: 'http://127.0.0.1:4000' }
    const title = (locale: 'en' | 'id', error: string, reason: FailureReason | undefined): string => {
      const wrapper = mount(ConnectionIndicator, { props: { state: { ...state, error, reason } }, global: { plugins: [createAppI18n(locale)] } })
      const said = wrapper.get('.connection').attributes('title')!
      wrapper.unmount()
      return said
    }
    expect(title('id', 'the server closed the change stream', 'unreachable')).toBe('http://127.0.0.1:4000 · server tidak dapat dijangkau')
    expect(title('id', 'connecting again after a sleep or a pause', 'resuming')).toBe(
      'http://127.0.0.1:4000 · menghubungkan kembali ke server setelah komputer masuk mode tidur atau Observe dijeda',
    )
    expect(title('id', 'Request failed with status code 503', 'server_error')).toBe('http://127.0.0.1:4000 · server sedang mengalami gangguan')
    expect(title('en', 'Request failed with status code 503', 'server_error')).toBe('http://127.0.0.1:4000 · the server had a fault of its own')
    // Nothing better to say than the core's text: an English page shows it, a Bahasa one says so in general.
    expect(title('en', 'sign-in response: unexpected shape', 'other')).toBe('http://127.0.0.1:4000 · sign-in response: unexpected shape')
    expect(title('id', 'sign-in response: unexpected shape', 'other')).toBe('http://127.0.0.1:4000 · terjadi kendala dalam perjalanan ke server')
    expect(title('id', 'the server closed the change stream', undefined)).not.toContain('the server closed')
  })

  it('says, in either language, that Observe itself is not responding, not that the network is down', () => {
    const state = { status: 'not_responding' as const, lastSyncedAt: null, server: 'http://127.0.0.1:4000', error: null }
    const en = mount(ConnectionIndicator, { props: { state }, global: { plugins: [createAppI18n('en')] } })
    expect(en.get('[role="status"]').attributes('aria-label')).toBe('Connection: Not responding')
    expect(en.get('.connection').attributes('title')).toContain('Observe itself is not answering this page')
    en.unmount()
    const id = mount(ConnectionIndicator, { props: { state }, global: { plugins: [createAppI18n('id')] } })
    expect(id.get('[role="status"]').attributes('aria-label')).toBe('Koneksi: Tidak merespons')
    expect(id.get('.connection').attributes('title')).toContain('Observe itu sendiri tidak merespons halaman ini')
    id.unmount()
  })

  it("never says a sync is still to come: after the server's clock steps back, the last sync is just now", () => {
    const state = { status: 'syncing' as const, lastSyncedAt: Date.now() + 2 * 3_600_000, server: 'http://127.0.0.1:4000', error: null }
    const wrapper = mount(ConnectionIndicator, { props: { state }, global: { plugins: [createAppI18n('en')] } })
    expect(wrapper.get('.synced').text()).toBe('Synced just now')
    wrapper.unmount()
  })

  it('stops saying "just now" once the last sync is a minute old, not up to half a minute later', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 7, 10, 0, 0) })
    // Offline since a heartbeat 5 s before the page drew the indicator.
    const state = { status: 'offline' as const, lastSyncedAt: Date.now() - 5_000, server: 'http://127.0.0.1:4000', error: null }
    const wrapper = mount(ConnectionIndicator, { props: { state }, global: { plugins: [createAppI18n('en')] } })
    expect(wrapper.text()).toContain('Synced just now')
    await vi.advanceTimersByTimeAsync(54_000)
    expect(wrapper.text()).toContain('Synced just now')
    // 63 s after that sync.
    await vi.advanceTimersByTimeAsync(4_000)
    expect(wrapper.text()).toContain('Synced 1 min. ago')
    wrapper.unmount()
  })
})
