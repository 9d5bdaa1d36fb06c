import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionState } from '../../shared/ipc/settings'
import App from '../../renderer/src/App.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useSessionStore } from '../../renderer/src/stores/session'
import { createFakeObserve, flush, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve

const session = (status: SessionState['status'], profile: string | null = null): SessionState => ({
  status,
  demo: false,
  server: 'https://oca.example.com',
  email: 'spv@example.com',
  user: null,
  profile,
  secretsPersist: true,
  ended: null,
  unsent: 0,
})

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeObserve({ 'session:get': () => session('starting') })
  window.observe = fake
})

afterEach(() => {
  delete window.observe
})

describe('while the app opens its first session', () => {
  it('says so, and shows the sign-in screen once the main process says nobody is signed in', async () => {
    const wrapper = mount(App, { global: { plugins: [createAppI18n('en')] } })
    await flush()
    const status = wrapper.get('[role="status"]')
    expect(status.attributes('aria-label')).toBe('Opening your conversations…')
    expect(status.text()).toContain('after an update')
    // The page's one heading names what is happening; the sign-in screen is not there yet.
    expect(wrapper.findAll('h1').map((h) => h.text())).toEqual(['Opening your conversations…'])
    expect(wrapper.find('form').exists()).toBe(false)

    fake.emit('session:changed', session('signed_out'))
    await flush()
    expect(wrapper.find('[role="status"]').exists()).toBe(false)
    expect(wrapper.get('h1').text()).toBe('Sign in to Observe')
    wrapper.unmount()
  })

  it('does not reload the page when the first session opens, only when the profile changes after that', async () => {
    const reloads: number[] = []
    const store = useSessionStore()
    store.start({ reload: () => reloads.push(1) })
    await store.load()
    expect(store.state?.status).toBe('starting')
    fake.emit('session:changed', session('signed_in', 'p1'))
    expect(store.state?.status).toBe('signed_in')
    expect(reloads).toEqual([])
    fake.emit('session:changed', session('signed_in', 'p2'))
    expect(reloads).toEqual([1])
    store.stop()
  })
})
