import { onScopeDispose, ref, type Ref } from 'vue'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * "5 min ago" within the last day, otherwise a short locale date and time. Timestamps are epoch ms.
 */
export function formatActivity(at: number, now: number, locale: string, justNow: string): string {
  const diff = now - at
  if (diff < MINUTE && diff > -MINUTE) return justNow
  if (Math.abs(diff) < DAY) {
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })
    return Math.abs(diff) < HOUR
      ? rtf.format(-Math.round(diff / MINUTE), 'minute')
      : rtf.format(-Math.round(diff / HOUR), 'hour')
  }
  return formatShortDateTime(at, now, locale)
}

/** "Nov 12, 08:26", with the year only when it is not this year. */
export function formatShortDateTime(at: number, now: number, locale: string): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear()
  return new Intl.DateTimeFormat(locale, {
    year: sameYear ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at)
}

export function formatDateTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at)
}

export function formatTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at)
}

const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

/** A shared clock that ticks every 30 s while any component uses it, so relative times stay right. */
export function useNow(): Ref<number> {
  users += 1
  if (!timer) {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), 30_000)
  }
  onScopeDispose(() => {
    users -= 1
    if (users === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  })
  return now
}
