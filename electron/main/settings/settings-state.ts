/** The settings as a page sees them, and which changes it is told of. */
import type { Settings, SettingsState } from '../../../shared/ipc/settings'

/** What a page may set here: the desktop-only settings are unavailable in the browser. */
export function settingsState(settings: Settings, shell: 'electron' | 'browser' | undefined): SettingsState {
  const desktop = shell === 'electron'
  return {
    settings,
    available: {
      startAtLogin: desktop,
      closeToTray: desktop,
      reason: desktop ? null : 'browser',
    },
  }
}

/** Whether a page is told of a change: the window's place is the desktop shell's alone. */
export function changedForPages(next: Settings, previous: Settings): boolean {
  return JSON.stringify({ ...next, window: null }) !== JSON.stringify({ ...previous, window: null })
}
