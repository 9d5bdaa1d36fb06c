/**
 * The settings file: one JSON document in the data folder, read through the schema (a damaged file
 * means defaults, logged), written atomically on every change, and announced to listeners.
 */
import { join } from 'node:path'
import { DEFAULT_SETTINGS, Settings, type SettingsPatch, type WindowBounds } from '../../../shared/ipc/settings'
import { readJsonFile, writeJsonAtomic } from '../json-file'
import { silentLog, type Log } from '../log'

export const settingsFile = (dataDir: string): string => join(dataDir, 'settings.json')

/** Anything the page may change, plus the window's place, which only the shell writes. */
export type SettingsChange = SettingsPatch & { window?: WindowBounds | null }

/** Drops keys whose value is undefined, so they leave a setting alone rather than erase it. */
const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>

export class SettingsStore {
  private current: Settings
  private readonly listeners = new Set<(settings: Settings, previous: Settings) => void>()

  constructor(
    private readonly file: string,
    private readonly log: Log = silentLog,
  ) {
    this.current = readJsonFile(file, Settings, DEFAULT_SETTINGS, log)
  }

  get(): Settings {
    return this.current
  }

  /** Applies a change, writes the file, tells listeners; answers the new settings. */
  update(change: SettingsChange): Settings {
    const previous = this.current
    const next = Settings.parse({
      ...previous,
      ...defined(change),
      notifications: { ...previous.notifications, ...defined(change.notifications ?? {}) },
    })
    if (JSON.stringify(next) === JSON.stringify(previous)) return previous
    writeJsonAtomic(this.file, next)
    this.current = next
    for (const listener of this.listeners) {
      try {
        listener(next, previous)
      } catch (error) {
        this.log('error', 'a settings listener failed', { message: String(error) })
      }
    }
    return next
  }

  onChange(listener: (settings: Settings, previous: Settings) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
