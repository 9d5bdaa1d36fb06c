import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import SettingsDialog from '../../renderer/src/components/settings/SettingsDialog.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useSettingsStore } from '../../renderer/src/stores/settings'
import { useOutboxStore } from '../../renderer/src/stores/outbox'
import { useSessionStore } from '../../renderer/src/stores/session'
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../shared/ipc/settings'
import { createFakeObserve, flush, makeOutboxAction, type FakeObserve } from './support/fake-observe'

let fake: FakeObserve
const state = { settings: DEFAULT_SETTINGS, available: { startAtLogin: false, closeToTray: false, reason: 'browser' } }

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeObserve({
    'settings:get': () => state,
    'settings:update': (patch: SettingsPatch) => ({ ...state, settings: { ...state.settings, ...patch, notifications: { ...state.settings.notifications, ...patch.notifications } } }),
  })
  window.observe = fake
})

afterEach(() => {
  delete window.observe
})

describe('the settings dialog', () => {
  it('puts back a number out of range and says so under the field, until a value is taken there', async () => {
    // The dialog reads the settings itself when nothing has yet (the store needs the app's i18n first).
    const wrapper = mount(SettingsDialog, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    await flush()
    expect(useSettingsStore().settings).not.toBeNull()
    const waiting = wrapper.get('#settings-waiting')
    await waiting.setValue('2000')
    await flush()
    expect((waiting.element as HTMLInputElement).value).toBe(String(DEFAULT_SETTINGS.notifications.waitingTooLongMinutes))
    const note = wrapper.get('#settings-waiting-out')
    expect(note.attributes('role')).toBe('alert')
    expect(note.text()).toBe(`A whole number from 0 to 1440, please: ${DEFAULT_SETTINGS.notifications.waitingTooLongMinutes} is kept.`)
    expect(waiting.attributes('aria-invalid')).toBe('true')
    expect(waiting.attributes('aria-describedby')).toBe('settings-waiting-out')
    expect(fake.calls.some((c) => c.channel === 'settings:update')).toBe(false)

    await waiting.setValue('12')
    await flush()
    expect(wrapper.find('#settings-waiting-out').exists()).toBe(false)
    expect(waiting.attributes('aria-invalid')).toBeUndefined()
    expect(fake.calls.at(-1)).toEqual({ channel: 'settings:update', input: { notifications: { waitingTooLongMinutes: 12 } } })

    // The retention field keeps its own hint beside the note.
    await wrapper.get('#settings-retention').setValue('2.5')
    expect(wrapper.get('#settings-retention').attributes('aria-describedby')).toBe('retention-hint settings-retention-out')
    wrapper.unmount()
  })

  it("keeps a field's note while another field takes a value, and says a repeated mistake again", async () => {
    const wrapper = mount(SettingsDialog, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    await flush()
    const coalesce = wrapper.get('#settings-coalesce')
    await coalesce.setValue('0')
    await flush()
    const first = wrapper.get('#settings-coalesce-out').element

    await wrapper.get('#settings-waiting').setValue('7')
    await flush()
    expect(fake.calls.at(-1)).toEqual({ channel: 'settings:update', input: { notifications: { waitingTooLongMinutes: 7 } } })
    expect(wrapper.get('#settings-coalesce-out').element).toBe(first)
    expect(coalesce.attributes('aria-invalid')).toBe('true')

    // A new alert element, so a screen reader reads the same words out again.
    await coalesce.setValue('0')
    await flush()
    const again = wrapper.get('#settings-coalesce-out')
    expect(again.element).not.toBe(first)
    expect(again.text()).toBe(`A whole number from 1 to 50, please: ${DEFAULT_SETTINGS.notifications.coalesceAbove} is kept.`)
    wrapper.unmount()
  })

  it('says, before signing out, that actions not yet sent wait for this account, or go with its cache', async () => {
    useSessionStore().state = {
      status: 'signed_in', demo: false, server: 'https://oca.example', email: 'spv@x.id', user: null, profile: 'p1', secretsPersist: true, ended: null, unsent: 0,
    }
    fake.handlers['outbox:list'] = () => ({ actions: [makeOutboxAction(1), makeOutboxAction(2), makeOutboxAction(3, { state: 'done' })] })
    await useOutboxStore().load()
    const wrapper = mount(SettingsDialog, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
    await flush()
    const account = wrapper.get('[aria-labelledby="settings-account"]')
    expect(account.text()).toContain('2 actions are not sent yet: they wait for this account to sign in here again.')
    await account.get('input[type="checkbox"]').setValue(true)
    expect(account.text()).toContain('2 actions are not sent yet, and deleting the cached conversations discards them.')
    wrapper.unmount()
  })
})
