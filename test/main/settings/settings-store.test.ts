import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SettingsStore, settingsFile } from '../../../electron/main/settings/settings-store'
import { plannerSettings } from '../../../electron/main/settings/apply'
import { DEFAULT_SETTINGS } from '../../../shared/ipc/settings'

let dir: string
let file: string
const logs: string[] = []
const log = (level: string, message: string): void => void logs.push(`${level}: ${message}`)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'observe-settings-'))
  file = settingsFile(dir)
  logs.length = 0
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the settings file', () => {
  it('starts from the defaults when there is no file, and says nothing about it', () => {
    expect(new SettingsStore(file, log).get()).toEqual(DEFAULT_SETTINGS)
    expect(logs).toEqual([])
  })

  it('falls back to the defaults on garbage, and logs why', () => {
    for (const garbage of ['{not json', '[]', JSON.stringify({ ...DEFAULT_SETTINGS, retentionDays: -4 }), JSON.stringify({ language: 'fr' })]) {
      writeFileSync(file, garbage)
      logs.length = 0
      expect(new SettingsStore(file, log).get()).toEqual(DEFAULT_SETTINGS)
      expect(logs.some((line) => line.startsWith('warn:'))).toBe(true)
    }
  })

  it('keeps an update, merging notification fields, and reads it back in a new store', () => {
    const store = new SettingsStore(file, log)
    const seen: number[] = []
    store.onChange((next, previous) => seen.push(previous.retentionDays, next.retentionDays))
    store.update({ language: 'id', retentionDays: 14, notifications: { coalesceAbove: 7 } })
    store.update({ notifications: { quietHours: { start: '22:00', end: '07:00' } } })
    const expected = {
      ...DEFAULT_SETTINGS,
      language: 'id',
      retentionDays: 14,
      notifications: { ...DEFAULT_SETTINGS.notifications, coalesceAbove: 7, quietHours: { start: '22:00', end: '07:00' } },
    }
    expect(store.get()).toEqual(expected)
    expect(seen).toEqual([30, 14, 14, 14])
    expect(new SettingsStore(file, log).get()).toEqual(expected)
  })

  it('refuses a change that breaks the schema and keeps the file as it was', () => {
    const store = new SettingsStore(file, log)
    store.update({ retentionDays: 10 })
    const before = readFileSync(file, 'utf8')
    expect(() => store.update({ retentionDays: 0 })).toThrow()
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(store.get().retentionDays).toBe(10)
  })

  it('writes through a temporary file and a rename, leaving no temporary file behind', () => {
    const store = new SettingsStore(file, log)
    // A stale temp file from a crash mid-write must not be read as the settings.
    writeFileSync(`${file}.dead.tmp`, '{"half":')
    store.update({ closeToTray: false })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ closeToTray: false })
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') && name !== 'settings.json.dead.tmp')).toEqual([])
    expect(new SettingsStore(file, log).get().closeToTray).toBe(false)
  })

  it('does not write or tell anyone when nothing changes', () => {
    const store = new SettingsStore(file, log)
    let told = 0
    store.onChange(() => told++)
    store.update({ retentionDays: DEFAULT_SETTINGS.retentionDays })
    expect(told).toBe(0)
    expect(readdirSync(dir)).toEqual([])
  })

  it('turns notification settings into the planner’s terms', () => {
    expect(plannerSettings({ enabled: true, coalesceAbove: 4, waitingTooLongMinutes: 10, quietHours: { start: '22:30', end: '06:15' }, paused: false })).toEqual({
      enabled: true,
      coalesceAbove: 4,
      waitingTooLongMs: 600_000,
      quietHours: { startMinute: 22 * 60 + 30, endMinute: 6 * 60 + 15 },
    })
    expect(plannerSettings({ ...DEFAULT_SETTINGS.notifications, paused: true }).enabled).toBe(false)
  })
})
