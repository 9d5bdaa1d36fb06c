/**
 * The app's settings, owned by the main process (a file in the data folder). The page's language
 * follows them; localStorage only remembers the last language so the first paint is already right.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { SettingsAvailability, SettingsPatch, SettingsState, Settings } from '@shared/ipc/settings'
import { call, onEventsMissed, subscribe } from '@renderer/api/client'
import { rememberLocale, systemLocale } from '@renderer/i18n'

export const useSettingsStore = defineStore('settings', () => {
  const { locale } = useI18n({ useScope: 'global' })
  const settings = ref<Settings | null>(null)
  const available = ref<SettingsAvailability | null>(null)
  const saving = ref(false)
  const failed = ref(false)
  let off: (() => void) | null = null
  let offMissed: (() => void) | null = null

  function accept(next: SettingsState): void {
    settings.value = next.settings
    available.value = next.available
    const language = next.settings.language ?? systemLocale()
    if (locale.value !== language) locale.value = language
    rememberLocale(language)
  }

  async function load(): Promise<void> {
    try {
      accept(await call('settings:get', {}))
    } catch {
      // The page keeps the remembered language until the main process answers.
    }
  }

  function start(): void {
    off ??= subscribe('settings:changed', accept)
    offMissed ??= onEventsMissed(() => void load())
  }

  function stop(): void {
    off?.()
    off = null
    offMissed?.()
    offMissed = null
  }

  async function update(patch: SettingsPatch): Promise<boolean> {
    saving.value = true
    failed.value = false
    try {
      accept(await call('settings:update', patch))
      return true
    } catch {
      failed.value = true
      return false
    } finally {
      saving.value = false
    }
  }

  return { settings, available, saving, failed, load, start, stop, update }
})
