/**
 * The words the desktop shows outside the page (tray, native notifications), in the supervisor's
 * language. The page has vue-i18n; these few strings live in the main process, so they are here.
 */
import type { ChannelKind } from '../../../shared/domain'
import type { Language } from '../../../shared/ipc/settings'
import { clip } from './clip'
import type { QueuedChat } from './planner'
import type { TrayState } from './tray-state'

export interface DesktopTexts {
  chatsWaiting: (count: number) => string
  notificationsPaused: string
  open: string
  noneWaiting: string
  /** Heads the tray menu's list of chats. */
  waitingLongest: string
  /** "since 2:05 PM": a clock time, so a menu drawn once never shows a stale wait. */
  since: (clock: string) => string
  /** The locale the clock times are written in. */
  locale: string
  pauseForAnHour: string
  quit: string
  /** `atLeast`: more came than were counted (see MAX_NEWS_READS). */
  newChats: (count: number, atLeast?: boolean) => string
  /** A new chat's body when there is nothing of the customer's to quote. */
  waitingInQueue: string
  /** `waited`: how long, in words ("2 hours, 31 minutes"). */
  hasWaited: (name: string, waited: string) => string
  /** `waited`: the limit passed, in words ("2 hours"). */
  manyHaveWaited: (count: number, waited: string) => string
  channel: Record<ChannelKind, string>
}

const CHANNELS_EN: Record<ChannelKind, string> = {
  whatsapp: 'WhatsApp',
  email: 'Email',
  instagram: 'Instagram',
  facebook_messenger: 'Messenger',
  facebook_comment: 'Facebook comment',
  telegram: 'Telegram',
  livechat: 'Live chat',
}

export const DESKTOP_TEXTS: Record<Language, DesktopTexts> = {
  en: {
    chatsWaiting: (count) => (count === 1 ? '1 chat waiting' : `${count} chats waiting`),
    notificationsPaused: 'notifications paused',
    open: 'Open Observe',
    noneWaiting: 'No chats waiting',
    waitingLongest: 'Waiting longest',
    since: (clock) => `since ${clock}`,
    locale: 'en-US',
    pauseForAnHour: 'Pause notifications for an hour',
    quit: 'Quit Observe',
    newChats: (count, atLeast) => `${count}${atLeast ? '+' : ''} new chats waiting`,
    waitingInQueue: 'Waiting in the queue',
    hasWaited: (name, waited) => `${name} has waited ${waited}`,
    manyHaveWaited: (count, waited) => `${count} chats have waited over ${waited}`,
    channel: CHANNELS_EN,
  },
  id: {
    chatsWaiting: (count) => `${count} chat menunggu`,
    notificationsPaused: 'notifikasi dijeda',
    open: 'Buka Observe',
    noneWaiting: 'Tidak ada chat yang menunggu',
    waitingLongest: 'Paling lama menunggu',
    since: (clock) => `sejak ${clock}`,
    locale: 'id-ID',
    pauseForAnHour: 'Jeda notifikasi selama satu jam',
    quit: 'Keluar dari Observe',
    newChats: (count, atLeast) => `${count}${atLeast ? '+' : ''} chat baru menunggu`,
    waitingInQueue: 'Menunggu di antrean',
    hasWaited: (name, waited) => `${name} sudah menunggu ${waited}`,
    manyHaveWaited: (count, waited) => `${count} chat sudah menunggu lebih dari ${waited}`,
    channel: { ...CHANNELS_EN, email: 'Email', facebook_comment: 'Komentar Facebook', livechat: 'Live chat' },
  },
}

/** The chosen language, or the system's when none is chosen; English for anything else. */
export function desktopLanguage(chosen: Language | null, systemLocale: string): Language {
  if (chosen) return chosen
  return systemLocale.toLowerCase().startsWith('id') ? 'id' : 'en'
}

export function trayTooltip(state: TrayState, texts: DesktopTexts): string {
  return `Observe — ${texts.chatsWaiting(state.inQueue)}${state.paused ? ` (${texts.notificationsPaused})` : ''}`
}

/**
 * One chat in the tray menu: who, on which channel, and since when they wait. The day is named only
 * when the wait began before today.
 */
export function trayChatLabel(chat: QueuedChat, texts: DesktopTexts, now: number, timeZone?: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' })
  const clock = new Intl.DateTimeFormat(texts.locale, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    ...(day.format(chat.queuedAt) === day.format(now) ? {} : { day: 'numeric', month: 'short' }),
  }).format(chat.queuedAt)
  // A menu label's "&" marks its access key on Windows and Linux: "Maju & Jaya" showed as "Maju  Jaya".
  return `${clip(chat.customerName, 40).replaceAll('&', '&&')} · ${texts.channel[chat.channel]} · ${texts.since(clock)}`
}
