/**
 * The app's settings and the sign-in session as they cross the IPC boundary. The main process
 * owns both: settings live in a JSON file in the data folder, the session's token in the OS
 * keychain (or in memory where there is none).
 */
import { z } from 'zod'
import { Agent } from '../domain'
import { isLoopbackHost } from '../loopback'

export const LANGUAGES = ['en', 'id'] as const
export const Language = z.enum(LANGUAGES)
export type Language = z.infer<typeof Language>

/** "HH:MM", 24-hour clock. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')

export const NotificationSettings = z.object({
  enabled: z.boolean(),
  /** More new chats than this at once become one "N new chats" notification. */
  coalesceAbove: z.number().int().min(1).max(50),
  /** Alert when a chat has waited this long; 0 turns the alert off. */
  waitingTooLongMinutes: z.number().int().min(0).max(24 * 60),
  /** No notifications between these local times (may wrap past midnight); null: never quiet. */
  quietHours: z.object({ start: ClockTime, end: ClockTime }).nullable(),
  /** Held back until turned on again (the tray's one-hour pause is separate). */
  paused: z.boolean(),
})
export type NotificationSettings = z.infer<typeof NotificationSettings>

export const WindowBounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
})
export type WindowBounds = z.infer<typeof WindowBounds>

/**
 * The smallest window the shell allows. The list's columns and the header are laid out to fit in
 * it whole (the renderer's tests check both at this size).
 */
export const MIN_WINDOW = { width: 960, height: 600 } as const

export const Settings = z.object({
  /** null: not chosen yet, follow the system's language. */
  language: Language.nullable(),
  notifications: NotificationSettings,
  /** Resolved conversations older than this are not cached. */
  retentionDays: z.number().int().min(1).max(365),
  startAtLogin: z.boolean(),
  /** Closing the window keeps Observe in the tray, watching the queue. */
  closeToTray: z.boolean(),
  /** Where the window was last; the desktop shell writes it. */
  window: WindowBounds.nullable(),
})
export type Settings = z.infer<typeof Settings>

export const DEFAULT_SETTINGS: Settings = {
  language: null,
  notifications: { enabled: true, coalesceAbove: 3, waitingTooLongMinutes: 5, quietHours: null, paused: false },
  retentionDays: 30,
  startAtLogin: false,
  closeToTray: true,
  window: null,
}

/** What the page may change: any top-level setting but the window's place, notifications in part. */
export const SettingsPatch = z
  .object({
    language: Language.nullable(),
    notifications: NotificationSettings.partial().strict(),
    retentionDays: Settings.shape.retentionDays,
    startAtLogin: z.boolean(),
    closeToTray: z.boolean(),
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof SettingsPatch>

/** Settings that only some shells can honour, and why one cannot. */
export const SettingsAvailability = z.object({
  startAtLogin: z.boolean(),
  closeToTray: z.boolean(),
  /** Why the desktop-only settings are off here (browser mode), for the UI to say. */
  reason: z.string().nullable(),
})
export type SettingsAvailability = z.infer<typeof SettingsAvailability>

export const SettingsState = z.object({ settings: Settings, available: SettingsAvailability })
export type SettingsState = z.infer<typeof SettingsState>

export const HttpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'expected an http(s) URL')

/**
 * An http:// address of another computer: the password, the token and every conversation would
 * cross the network unencrypted. Only loopback (a server on this computer) may go without TLS.
 */
export function inTheClear(address: string): boolean {
  try {
    const { protocol, hostname } = new URL(address)
    return protocol === 'http:' && !isLoopbackHost(hostname)
  } catch {
    return false
  }
}

export const SignInInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('server'),
      server: HttpUrl,
      email: z.string().trim().min(1).max(320),
      password: z.string().min(1).max(200),
    })
    .strict(),
  /** The demo server that ships with the app, started in-process; it signs in by itself. */
  z.object({ kind: z.literal('demo') }).strict(),
])
export type SignInInput = z.infer<typeof SignInInput>

export const SessionState = z.object({
  /** `starting` while the app opens its first session (the cache may be migrating), then one of the others. */
  status: z.enum(['starting', 'signed_in', 'signed_out']),
  /** The built-in demo server, rather than one the supervisor named. */
  demo: z.boolean(),
  /** The server signed in to, or the last one, to fill the form in again. */
  server: z.string().nullable(),
  email: z.string().nullable(),
  user: Agent.nullable(),
  /** Names the cache profile in use; it changes whenever the server or user does. */
  profile: z.string().nullable(),
  /** False when the OS offers no keychain: the session is kept in memory only and lost on quit. */
  secretsPersist: z.boolean(),
  /** Why the last session ended, when it was not the supervisor's choice. */
  ended: z.enum(['expired']).nullable(),
  /**
   * With `ended`: the assignments and transfers that account left queued in its cache. They are kept
   * and go only once it signs in to the same server again, so picking another account is no reason to drop them.
   */
  unsent: z.number().int().nonnegative(),
})
export type SessionState = z.infer<typeof SessionState>
