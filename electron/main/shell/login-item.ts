/** Start at login, from the setting: told to the OS at start and whenever it changes. */
import { app } from 'electron'
import type { SettingsStore } from '../settings/settings-store'

export function followLoginItemSetting(settings: SettingsStore): () => void {
  const apply = (open: boolean): void => {
    // Unpackaged runs would register the bare Electron binary; only an installed app registers itself.
    if (!app.isPackaged) return
    if (app.getLoginItemSettings().openAtLogin !== open) app.setLoginItemSettings({ openAtLogin: open })
  }
  apply(settings.get().startAtLogin)
  return settings.onChange((next, previous) => {
    if (next.startAtLogin !== previous.startAtLogin) apply(next.startAtLogin)
  })
}
