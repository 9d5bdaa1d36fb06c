import { onScopeDispose, ref, type Ref } from 'vue'
import { remembered } from '@shared/remembered'
import { intlLocale } from './format'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * Intl formatters by locale and options, made once. Building one costs far more than formatting:
 * rows re-render with the clock, and a new formatter per time shown was most of an idle window's
 * CPU (a helper's measure of a long shift).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  remembered(dateFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(intlLocale(locale), options))
const relativeFormat = (locale: string): Intl.RelativeTimeFormat =>
  remembered(relativeFormats, locale, () => new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto', style: 'short' }))

/**
 * "5 min ago" within the last day, otherwise a short locale date and time. Timestamps are epoch ms.
 */
export function formatActivity(at: number, now: number, locale: string, justNow: string): string {
  const diff = now - at
  if (diff < MINUTE && diff > -MINUTE) return justNow
  // The unit follows the rounded figure: 59 min 30 s is "1 hr. ago", not "60 min. ago".
  const minutes = Math.round(Math.abs(diff) / MINUTE)
  const hours = Math.round(Math.abs(diff) / HOUR)
  const past = diff > 0 ? -1 : 1
  if (minutes < 60) return relativeFormat(locale).format(past * minutes, 'minute')
  if (hours < 24) return relativeFormat(locale).format(past * hours, 'hour')
  return formatShortDateTime(at, now, locale)
}

/** "Nov 12, 08:26", with the year only when it is not this year. */
export function formatShortDateTime(at: number, now: number, locale: string): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear()
  return dateFormat(locale, { ...(sameYear ? {} : { year: 'numeric' }), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at)
}

export function formatDateTime(at: number, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at)
}

export function formatTime(at: number, locale: string): string {
  return dateFormat(locale, { timeStyle: 'short' }).format(at)
}

/** The server's clock minus this computer's (ConnectionState.clockOffsetMs). */
let clockOffsetMs = 0

/**
 * Now, by the server's clock. Every timestamp shown is the server's, so a wait measured by a PC
 * clock set hours off would read hours long (or nothing at all) from the moment a chat arrives.
 */
export function serverNow(): number {
  return Date.now() + clockOffsetMs
}

/** Takes the offset the core measured; every running clock moves to it at once. */
export function setClockOffset(offsetMs: number): void {
  if (offsetMs === clockOffsetMs) return
  clockOffsetMs = offsetMs
  for (const clock of clocks.values()) clock.now.value = serverNow()
}

interface Clock {
  now: Ref<number>
  users: number
  timer: ReturnType<typeof setInterval> | null
}
const clocks = new Map<number, Clock>()

/**
 * A shared clock that ticks every `intervalMs` while any component uses it, so relative times stay
 * right: 15 s for "5 min ago", 1 s for the live waiting time in the queue. At 15 s a time's words
 * are never more than 15 s behind; at 30 s, "just now" lasted until a minute and a half. Rows
 * read it in their own computed words, not from their list: a tick then redraws only the rows
 * whose words change (a few a minute), not the whole list (up to hundreds of rows, twice a minute
 * when the list passed the clock down).
 */
export function useNow(intervalMs = 15_000): Ref<number> {
  let clock = clocks.get(intervalMs)
  if (!clock) clocks.set(intervalMs, (clock = { now: ref(serverNow()), users: 0, timer: null }))
  const c = clock
  c.users += 1
  if (!c.timer) {
    c.now.value = serverNow()
    c.timer = setInterval(() => (c.now.value = serverNow()), intervalMs)
  }
  onScopeDispose(() => {
    c.users -= 1
    if (c.users === 0 && c.timer) {
      clearInterval(c.timer)
      c.timer = null
    }
  })
  return c.now
}
